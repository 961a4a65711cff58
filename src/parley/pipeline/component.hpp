// Moved to parley/doc/component.hpp (the core, below the stages that implement it). This
// forwarding header keeps code written before the move building; include the new one.
#pragma once

#include "parley/doc/component.hpp"
