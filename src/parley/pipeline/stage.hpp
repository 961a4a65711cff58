// How far an analysis goes: each stage needs the ones before it.
#pragma once

namespace parley {

// Segment: sentences and tokens. Parse: tags, lemmas, dependencies. Actors: the actor registry.
// Events: coded events (the event coder may add actors the text implies but does not name).
// Attribution: quotes, claims, positions and divergences.
enum class Stage { Segment, Parse, Actors, Events, Attribution };

}  // namespace parley
