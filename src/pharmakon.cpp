// The one translation unit of pharmakon's out-of-line definitions: the compiled library (pharmakon::pharmakon)
// is this file, and pharmakon::header_only adds it to the sources of the target that links it.
#include <pharmakon/implementation.hpp>
