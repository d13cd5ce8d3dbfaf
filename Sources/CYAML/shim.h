// The system libyaml (Debian: libyaml-dev), imported as the Swift module CYAML.
#include <yaml.h>
