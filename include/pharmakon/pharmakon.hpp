#pragma once
/// \file pharmakon.hpp
/// The umbrella header: everything a host program needs.
///
///     #include <pharmakon/pharmakon.hpp>
///     auto kb = pharmakon::default_kb();
///     auto answer = pharmakon::mechanism_of(kb, kb.at<pharmakon::drug>("naltrexone"));
///     fmt::print("{}", pharmakon::render_text(answer));

#include "config.hpp"
#include "error.hpp"
#include "model/entities.hpp"
#include "model/enums.hpp"
#include "model/ids.hpp"
#include "model/label_sections.hpp"
#include "model/entity_fields.hpp"
#include "model/relations.hpp"
#include "model/review.hpp"
#include "model/text.hpp"
#include "model/units.hpp"
#include "graph/builder.hpp"
#include "graph/knowledge_base.hpp"
#include "graph/columns.hpp"
#include "io/kb_file/loader.hpp"
#include "io/kb_file/reviews.hpp"
#include "io/import/options.hpp"
#include "io/import/vocabulary.hpp"
#include "io/import/hetionet.hpp"
#include "io/import/gtopdb.hpp"
#include "io/import/kgx.hpp"
#include "io/import/chembl.hpp"
#include "io/import/drugcentral.hpp"
#include "io/import/drugmechdb.hpp"
#include "io/export/writer.hpp"
#include "io/export/kgx.hpp"
#include "io/export/graphml.hpp"
#include "io/export/neo4j.hpp"
#include "io/snapshot/snapshot.hpp"
#include "kb/default_kb.hpp"
#include "answers/answers.hpp"
#include "answers/paths.hpp"
#include "render/render.hpp"
#include "render/catalog.hpp"
#include "render/dot.hpp"
#include "render/agreement.hpp"
#include "render/html.hpp"
#include "answers/ask.hpp"
