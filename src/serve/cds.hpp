#pragma once
// CDS Hooks 2.0 (HL7): the request reader and the cards, apart from HTTP so they can be tested and fuzzed alone.
// An EHR posts a hook request (order-select / order-sign) whose context.draftOrders is a FHIR Bundle of
// MedicationRequest and whose prefetch holds the patient's active MedicationRequest/MedicationStatement resources;
// pharmakon matches each medication to a drug (RxNorm code through the `rxcui` identifier, coding display, text)
// and answers with cards for interactions and dose problems.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <pharmakon/pharmakon.hpp>

namespace pharmakon::serve {

/// A medication as the request states it, and the drug it was matched to (if any).
struct cds_medication {
  std::string label;                 ///< text, else the first display, else the code
  std::vector<std::string> displays; ///< medicationCodeableConcept.text and coding[].display
  std::vector<std::string> rxnorm;   ///< RxNorm codes (coding[].code with the RxNorm system, or no system)
  std::optional<quantity> dose;      ///< dosageInstruction[0].doseAndRate[0].doseQuantity
  std::optional<quantity> every;     ///< from dosageInstruction[0].timing.repeat (period / frequency)
  std::string route;                 ///< dosageInstruction[0].route text/display, lower-cased
  bool draft = false;                ///< a draft order (else an active medication from prefetch)
};

/// A FHIR date as given (YYYY, YYYY-MM or YYYY-MM-DD): month and day 0 where the date leaves them out.
struct fhir_date {
  int year = 0;
  unsigned month = 0, day = 0;
};

struct cds_request {
  std::string hook;           ///< "order-select" or "order-sign"
  std::string hook_instance;
  std::vector<cds_medication> medications;  ///< drafts first
  std::optional<fhir_date> birth_date;      ///< the Patient resource's birthDate (prefetch "patient"), if sent
};

/// The patient's age on `today` from a birth date: completed months below 2 years (an 18-month-old is 18 mo),
/// completed years from 2 years on. A date without its day or month counts from the last day it can mean, so the
/// age is never overstated (the age rules the knowledge base holds are mostly "younger than"). Nothing for a birth
/// date after `today`.
std::optional<quantity> age_on(fhir_date const& birth, std::chrono::year_month_day today);

/// Why a request was refused: the HTTP status and what was expected and found where (a JSON pointer).
struct cds_error {
  int status = 400;
  std::string at;
  std::string expected;
  std::string found;
  nlohmann::json to_json() const;
};

/// The services this server offers (service id, hook, title, description).
struct cds_service {
  std::string_view id, hook, title, description;
};
inline constexpr std::array<cds_service, 2> cds_services{{
    {"pharmakon-order-select", "order-select", "pharmakon: interactions and doses of the medication being selected",
     "Screens the selected medication against the patient's active medications for pharmacodynamic interactions "
     "(shared targets) and checks its dose against the knowledge base's regimens."},
    {"pharmakon-order-sign", "order-sign", "pharmakon: interactions and doses of the orders being signed",
     "Screens the orders being signed against each other and the patient's active medications, and checks their "
     "doses."},
}};

/// The discovery document (GET /cds-services).
nlohmann::json cds_discovery();

/// Reads a hook request posted to service `service_id`: a cds_error for malformed JSON, wrong types, a missing
/// context, a hook that is not the service's, or more than `max_medications` medications.
std::variant<cds_request, cds_error> read_cds_request(std::string_view body, std::string_view service_id,
                                                      std::size_t max_medications = 200);

/// The drug a medication names (RxNorm code, then displays/text), if the knowledge base has it.
std::optional<drug_id> match_drug(knowledge_base const& kb, cds_medication const& m);

/// The response: {"cards": [...]} for interactions that involve a draft order, dose problems of draft orders, the
/// warnings of a draft order's drug at the patient's age (a contraindication at that age is critical), and one card
/// naming every medication (ordered or active) that matched no drug, since it was not screened.
/// `base_url` (e.g. "http://127.0.0.1:8765") makes links to the server's answer pages; empty: no such links.
/// `today` is the date the patient's age is reckoned on (default: the current UTC date).
nlohmann::json cds_cards(knowledge_base const& kb, cds_request const& r, std::string const& base_url = "",
                         std::optional<std::chrono::year_month_day> today = std::nullopt);

}  // namespace pharmakon::serve
