// The one translation unit of the compiled library: every out-of-line definition, exactly once.
#define PHARMAKON_IMPLEMENTATION
#include <pharmakon/pharmakon.hpp>
