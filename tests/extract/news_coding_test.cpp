// Behaviour that real news needs and the reference article does not exercise: generic actors
// placed in the article's state, descriptions after a name, former office-holders, media coded
// from the text, verbs the tagger reads as participles, symmetric acts among several parties,
// events whose actors have no code, and quotes in news forms. Whole standard pipeline.
#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley {
namespace {

Article code(const std::string& text, const std::string& date = "") {
  static const Pipeline p = standard_pipeline(Stage::Attribution, resolve_resources());
  Article a;
  a.text = text;
  a.date = date;
  p.process(a);
  return a;
}

const Actor* actor_of(const Article& a, std::string_view mention_text) {
  for (const Mention& m : a.mentions)
    if (a.view(m.span) == mention_text) return &a.actors[m.actor];
  return nullptr;
}

std::string code_of(const Article& a, std::string_view mention_text) {
  const Actor* x = actor_of(a, mention_text);
  return x ? x->code : "(none)";
}

// The code of the actor of that name, whatever its mentions' words.
std::string code_named(const Article& a, std::string_view name) {
  auto x = std::find_if(a.actors.begin(), a.actors.end(),
                        [&](const Actor& actor) { return actor.name == name; });
  return x != a.actors.end() ? x->code : "(none)";
}

const Event* event(const Article& a, std::string_view cameo_prefix, std::string_view source,
                   std::string_view target = "*") {
  for (const Event& e : a.events)
    if (e.cameo.starts_with(cameo_prefix) && e.source_code == source &&
        (target == "*" || e.target_code == target))
      return &e;
  return nullptr;
}

TEST(NewsCoding, GenericActorsBelongToTheArticlesState) {
  Article a = code(
      "Hong Kong protests continue\n\nHong Kong police arrested dozens of people on Sunday. "
      "Protesters blocked roads in Hong Kong. Police fired tear gas at protesters.");
  EXPECT_EQ(code_of(a, "Protesters"), "HKGCVL");
  EXPECT_EQ(code_of(a, "people"), "HKGCVL");
  EXPECT_EQ(code_of(a, "Hong Kong police"), "HKGCOP");
  // Groups the text places abroad or adjectives are no actors of the home state.
  Article b =
      code("Israel rejected international forces in Gaza. Israel remains firm on its plan.");
  EXPECT_EQ(actor_of(b, "firm"), nullptr);
  EXPECT_EQ(actor_of(b, "forces"), nullptr);
}

TEST(NewsCoding, DescriptionsAfterANameGiveTheCode) {
  Article a = code("Carrie Lam, the chief executive of Hong Kong, withdrew the bill on Wednesday.");
  EXPECT_EQ(code_of(a, "Carrie Lam"), "HKGGOV");
  Article b = code("Qasem Soleimani, head of Iran's Quds Force, was killed.");
  EXPECT_EQ(code_of(b, "Qasem Soleimani").substr(0, 3), "IRN");
}

// A role coded from its complement is mentioned with it: the description's words are its name.
TEST(NewsCoding, RoleDescriptionsSpanTheirComplement) {
  Article a = code(
      "Berlin talks\n\nThe spokesperson for the German government condemned the attack. "
      "Athens expelled the Libyan ambassador to Greece. Hospital officials in Omsk said he was "
      "stable. They elect the chief executive of Hong Kong.");
  EXPECT_EQ(code_of(a, "The spokesperson for the German government"), "DEUGOV");
  EXPECT_EQ(code_of(a, "the Libyan ambassador to Greece"), "LBYGOV");
  EXPECT_EQ(code_of(a, "Hospital officials in Omsk"), "RUSHLH");
  EXPECT_EQ(code_of(a, "chief executive of Hong Kong"), "HKGGOV");
  Article hk = code(
      "Hong Kong protests\n\nThe Hong Kong government proposed a law to allow the government of "
      "mainland China to extradite suspects.");
  EXPECT_EQ(code_of(hk, "government of mainland China"), "CHNGOV");
  // The state named inside keeps its own mention, and its words read as the state.
  EXPECT_EQ(code_of(a, "Greece"), "GRC");
}

// "died after being shot": the controller of a passive participle underwent the act.
TEST(NewsCoding, PassiveParticipleClausesHaveTheMainSubjectAsPatient) {
  Article a = code(
      "Iranian police arrested Ali Rezaei. Arrested by Iranian police in May, "
      "John Smith was released on Friday.");
  EXPECT_EQ(event(a, "17", "IRN", "IRN"), nullptr);  // Smith is no doer of his own arrest
  Article b = code("A Yemeni journalist died in Aden after being shot in his car.");
  for (const Event& e : b.events) EXPECT_NE(e.source_code, "YEMMED") << e.cameo;
}

// A body named in full is referred back to by its head noun: "the House", "the Court".
TEST(NewsCoding, TheHeadNounOfABodyNamedInFullRefersBack) {
  Article a = code(
      "The European Court of Justice ruled on Thursday. The Court said the law applies. "
      "The United States House of Representatives voted. The House's committees met, and "
      "Democratic members of the House voted for it.");
  ASSERT_NE(actor_of(a, "The Court"), nullptr);
  EXPECT_EQ(actor_of(a, "The Court"), actor_of(a, "The European Court of Justice"));
  ASSERT_NE(actor_of(a, "The House"), nullptr);
  EXPECT_EQ(actor_of(a, "The House")->code, "USALEG");
  for (const Actor& x : a.actors) EXPECT_FALSE(x.code.empty()) << x.name;
  // Members of a body are coded as the body, named with their party adjective.
  auto members = std::find_if(a.actors.begin(), a.actors.end(), [](const Actor& x) {
    return x.name == "Democratic members of the House";
  });
  ASSERT_NE(members, a.actors.end());
  EXPECT_EQ(members->code, "USALEG");
}

// "the arrest of X": an act done to someone names them with "of"; "the visit of X" names the
// doer.
TEST(NewsCoding, EventNounsNameTheirPatientWithOf) {
  Article a = code("Russian police ordered the arrest of Alexei Navalny.");
  EXPECT_NE(event(a, "173", "RUSCOP", "RUSOPP"), nullptr);
  Article b = code("The Cinema for Peace Foundation airlifted Alexei Navalny to Berlin.");
  EXPECT_NE(event(b, "073", "DEUNGO", "RUSOPP"), nullptr);
  Article c = code("The visit of Emmanuel Macron to Beijing ended on Friday.");
  for (const Event& e : c.events) EXPECT_NE(e.target_code, "FRAGOV") << e.cameo;
}

// "the Democratic party": a party named with its head in lower case is the party.
// A capitalised run that stops short of a longer name the tables know is that name.
TEST(NewsCoding, KnownNamesOutlastCapitalisedRuns) {
  Article a = code("Progressive Party of Working People criticised the deal.", "2020-01-03");
  EXPECT_EQ(code_named(a, "Progressive Party of Working People"), "CYPOPP");
}

// "Mahan's director, X,": an organisation's title set off before a name makes the person the
// organisation's, with the state an earlier mention gave it.
TEST(NewsCoding, AnOrganisationsTitleBeforeANameIsItsMember) {
  Article a = code(
      "Germany banned Iranian airline Mahan Air. Rudaw reports Mahan's director, Hamid Arabnejad "
      "Khanooki, has alleged ties to the Revolutionary Guard.");
  EXPECT_EQ(code_named(a, "Hamid Arabnejad Khanooki"), "IRNBUS");
}

TEST(NewsCoding, PartiesWithTheHeadInLowerCase) {
  Article a = code(
      "The US House impeached Donald Trump on Wednesday. Jeff Van Drew, a congressman from "
      "New Jersey, was expected to leave the Democratic party.",
      "2019-12-19");
  EXPECT_EQ(code_of(a, "the Democratic party"), "USAOPP");
}

// "a congressman from New Jersey": the place a role-holder is from is their state; a state's
// name inside a longer place's ("Jersey" in "New Jersey") names no state, and a town's inside a
// person's name ("Van" in "Jeff Van Drew") places no article.
TEST(NewsCoding, RoleHoldersFromAPlace) {
  Article a = code("Jeff Van Drew, a congressman from New Jersey, spoke on Monday.");
  EXPECT_EQ(code_of(a, "Jeff Van Drew"), "USALEG");
  for (const Actor& x : a.actors) EXPECT_NE(x.code, "JEY") << x.name;
  Article b = code("Jeff Van Drew spoke on Monday.");
  EXPECT_EQ(code_of(b, "Jeff Van Drew"), "");
}

// A resignation offered or filed awaits acceptance (0341); "resigned" is the act (0831).
TEST(NewsCoding, OfferedResignationsAreIntents) {
  Article a = code("Ukrainian prime minister Oleksiy Honcharuk filed his resignation on Friday.");
  EXPECT_NE(event(a, "0341", "UKRGOV"), nullptr);
  Article b = code("Ukrainian prime minister Oleksiy Honcharuk resigned on Friday.");
  EXPECT_NE(event(b, "0831", "UKRGOV"), nullptr);
}

// A naming verb's predicate appraises its object, quoted or not: "called Trump's decision a
// disgrace" criticises Trump.
TEST(NewsCoding, UnquotedNamingPredicatesAreAppraisals) {
  Article a = code("Nancy Pelosi called Donald Trump's decision a disgrace.");
  EXPECT_NE(event(a, "111", "USALEG", "USAGOV"), nullptr);
  Article b = code("Nancy Pelosi called Donald Trump's conduct a betrayal of national security.");
  EXPECT_NE(event(b, "111", "USALEG", "USAGOV"), nullptr);
  Article c = code("Nancy Pelosi called Donald Trump's decision a compromise.");
  EXPECT_EQ(event(c, "11", "USALEG"), nullptr);  // no appraisal word, no event
}

// A reaction that names no one criticises the act the article opened with.
TEST(NewsCoding, UnaddressedReactionsAreToTheOpeningAct) {
  Article a = code(
      "Iran issued arrest warrants for 36 people on Monday. Interpol did not comment. The "
      "warrants cite murder charges. The agency has rules. The weather was cold. US envoy "
      "Brian Hook said, \"It is a propaganda stunt that no-one takes seriously.\"");
  EXPECT_NE(event(a, "111", "USAGOV", "IRN"), nullptr);
}

// "In the analysis of X, ..." reports X's view as "according to X" does; "in my view" names
// no one.
TEST(NewsCoding, ViewpointPhrasesReportTheirOwner) {
  Article a = code(
      "In the analysis of the German Institute for Economic Research, the high costs render the "
      "project unrealistic. In my view, the project is sound.");
  int reported = 0;
  for (const Quote& q : a.quotes) {
    std::string_view text = a.view(q.span);
    if (text.starts_with("the high costs render")) {
      ++reported;
      ASSERT_GE(q.speaker_actor, 0);
      EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].name,
                "German Institute for Economic Research");
    }
    EXPECT_FALSE(text.starts_with("the project is sound")) << text;
  }
  EXPECT_EQ(reported, 1);
}

// "called it unlikely that ...": the characterisation and the clause are what was said.
TEST(NewsCoding, NamingAnExtraposedClauseReportsIt) {
  Article a = code(
      "Greek energy analyst Alex Lagakos called it unlikely that the EU would finance the "
      "project.");
  bool found = false;
  for (const Quote& q : a.quotes)
    if (a.view(q.span).starts_with("unlikely that the EU would finance")) {
      found = true;
      ASSERT_GE(q.speaker_actor, 0);
      EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].name, "Alex Lagakos");
    }
  EXPECT_TRUE(found);
}

// An outlet, NGO or international body named in a person's title is an actor of its own.
TEST(NewsCoding, OrganisationsInTitlesAreMentioned) {
  Article a = code("ABS-CBN CEO Carlo Katigbak apologized to President Rodrigo Duterte.");
  ASSERT_NE(actor_of(a, "ABS-CBN"), nullptr);
  EXPECT_EQ(actor_of(a, "ABS-CBN")->type, "MED");
  EXPECT_NE(actor_of(a, "ABS-CBN"), actor_of(a, "ABS-CBN CEO Carlo Katigbak"));
}

// The title right before a name and the state after it ("President X of Egypt") outrank a
// body's title before them ("AU chairperson").
TEST(NewsCoding, AStatesTitleOutranksABodysTitle) {
  Article a = code(
      "At the opening of the AU summit, AU chairperson President Abdel Fattah el-Sisi of Egypt "
      "said the deal would succeed.");
  EXPECT_EQ(code_named(a, "Abdel Fattah el-Sisi"), "EGYGOV");
}

// An organisation no table knows takes the state of the large city it is "in"; a state's
// mission abroad does not.
TEST(NewsCoding, UnknownOrganisationsInACity) {
  Article a = code(
      "Researchers at the Kolbe Institute for Marine Studies in Leipzig said the fish were dying. "
      "The US Embassy in London issued a statement.");
  EXPECT_EQ(code_named(a, "Kolbe Institute for Marine Studies"), "DEUEDU");
  for (const Actor& x : a.actors) EXPECT_FALSE(x.code.starts_with("GBR")) << x.name;
}

TEST(NewsCoding, FormerOfficeHoldersAreOpposition) {
  Article a = code(
      "Britain's parliament was suspended. Former prime minister John Major has accused the "
      "government of misleading the Queen.");
  EXPECT_EQ(code_of(a, "prime minister John Major"), "GBROPP");
  // "the government" is a body: it does not refer back to a person.
  ASSERT_NE(actor_of(a, "the government"), nullptr);
  EXPECT_NE(actor_of(a, "the government")->type, "PER");
  // A former prosecutor or executive holds no role: a national, with no sector.
  Article b = code(
      "The House impeached Donald Trump in Washington. Former federal prosecutor Elie Honig said "
      "the call was damning.");
  EXPECT_EQ(code_named(b, "Elie Honig"), "USA");
}

TEST(NewsCoding, MediaAreCodedFromWhatTheTextSays) {
  Article a =
      code("The BBC reported that talks had failed. Russian news agency TASS said nothing.");
  EXPECT_EQ(code_of(a, "The BBC"), "MED");
  EXPECT_EQ(code_of(a, "Russian news agency TASS"), "RUSMED");
  // A national outlet in a story about its own state is that state's press; an outlet read
  // worldwide is not, even at home; a state's ownership names its state.
  Article pl = code(
      "Gdańsk mayor stabbed\n\nThe mayor of Gdańsk, Poland, was stabbed on stage in Gdańsk. "
      "TVN24 reported he received surgery in Gdańsk. Polish police arrested a man in Warsaw.");
  EXPECT_EQ(code_named(pl, "TVN24"), "POLMED");
  Article uk = code(
      "Johnson suspends parliament\n\nThe British Prime Minister Boris Johnson suspended the UK "
      "parliament in London. The BBC reported protests in London and Manchester.");
  EXPECT_EQ(code_named(uk, "BBC"), "MED");
  Article ir = code("According to semi-official news agency ISNA, the prosecutor said so.");
  EXPECT_EQ(code_named(ir, "ISNA"), "IRNMED");
}

// Companies, like the media, are coded from what the text says of them: a nationality or "X-based"
// before the description, a state after the name, the article's own state; one actor per company
// however it is called ("Mahan" after "Iranian airline Mahan Air").
TEST(NewsCoding, CompaniesAreCodedFromWhatTheTextSays) {
  Article a = code(
      "Facebook must remove posts, the court in Luxembourg ruled. UK-based retailer Tesco sold "
      "its stores. Germany banned Iranian airline Mahan Air on Monday. Mahan has been the subject "
      "of sanctions since 2011.");
  EXPECT_EQ(code_named(a, "Facebook"), "BUS");
  EXPECT_EQ(code_named(a, "Tesco"), "GBRBUS");
  EXPECT_EQ(code_named(a, "Mahan Air"), "IRNBUS");
  EXPECT_EQ(code_of(a, "Mahan"), "IRNBUS");
  // (The description is part of the mention, "Iranian airline Mahan Air", as for "German
  // carmaker Daimler".)
  ASSERT_NE(actor_of(a, "Mahan"), nullptr);
  EXPECT_EQ(actor_of(a, "Mahan")->name, "Mahan Air");
}

// A thing that is no actor but belongs to one makes its owner the target: a nationality before
// it ("an Indian proposal"), "from" after it, or the things a threatened act is aimed at.
TEST(NewsCoding, OwnersOfThingsAreTargets) {
  Article a = code(
      "Bangladesh rejected an Indian proposal. Pakistan rejected an offer from Egypt. Iran "
      "threatened to shell Iraqi towns. A French minister threatened to impose restrictions "
      "against German goods.");
  EXPECT_NE(event(a, "12", "BGD", "IND"), nullptr);
  EXPECT_NE(event(a, "12", "PAK", "EGY"), nullptr);
  EXPECT_NE(event(a, "13", "IRN", "IRQ"), nullptr);
  EXPECT_NE(event(a, "13", "FRAGOV", "DEU"), nullptr);
}

// A participle the parser hung on a noun inside the subject's "of" phrase is the predicate of
// the whole phrase; denying funding is a rejection, not a denial of responsibility.
TEST(NewsCoding, PredicatesAfterLongSubjectsAndDenials) {
  Article a = code(
      "Leaders of African Union member states met in Niamey on Sunday. Congress has repeatedly "
      "denied funding for the wall.");
  EXPECT_NE(event(a, "04", "IGOAFRAFU"), nullptr);
  EXPECT_NE(event(a, "12", "USALEG"), nullptr);
  EXPECT_EQ(event(a, "016", "USALEG"), nullptr);
  // Agreeing upon a pact is an agreement (057), its words given back by the trailing
  // attribution the parser hung them on.
  Article b = code(
      "The United States and Jordan have agreed upon a new free-trade pact between the two "
      "countries, the White House announced Tuesday.");
  EXPECT_NE(event(b, "057", "USA", "JOR"), nullptr);
}

// A nationality on an event noun that names no doer gives the doer's state: its people for
// protests.
TEST(NewsCoding, NationalitiesOnEventNounsAreTheirDoers) {
  Article a = code("Palestinian riots against Israeli military policies are still continuing.");
  EXPECT_NE(event(a, "14", "PSECVL"), nullptr);
}

// Nationalities coordinated before one role noun are groups of their own, and doers together.
TEST(NewsCoding, CoordinatedNationalitiesShareTheirRoleNoun) {
  Article a = code(
      "Israeli and Palestinian negotiators met in Cairo on Monday. French, German and Italian "
      "troops attacked the town.");
  EXPECT_EQ(code_of(a, "Israeli"), "ISRGOV");
  EXPECT_EQ(code_of(a, "Palestinian negotiators"), "PSEGOV");
  EXPECT_NE(event(a, "04", "PSEGOV", "ISRGOV"), nullptr);
  for (const char* doer : {"FRAMIL", "DEUMIL", "ITAMIL"})
    EXPECT_NE(event(a, "19", doer), nullptr) << doer;
}

// An order to one's own people is the act itself, aimed at whom that act is aimed at; an
// order to a body stays a demand made of it. A measure before the object is read through
// ("US$400 million in military aid").
TEST(NewsCoding, OrdersToOnesOwnPeopleAreTheActItself) {
  Article a = code(
      "Donald Trump had ordered his staff to delay around US$400 million in military aid that "
      "had been slated for Ukraine. Putin ordered his troops to withdraw from Syria. Zelensky "
      "instructed security agencies to investigate the leak.",
      "2019-10-01");
  EXPECT_NE(event(a, "1622", "USAGOV", "UKR"), nullptr);
  EXPECT_EQ(event(a, "10", "USAGOV"), nullptr);
  EXPECT_NE(event(a, "087", "RUSGOV", "SYR"), nullptr);
  EXPECT_NE(event(a, "10", "UKRGOV"), nullptr);
  // "with some estimates by the Red Cross": an estimate of an act does not do it.
  Article b = code("Homes have been destroyed, with some estimates by the Red Cross at 60%.");
  EXPECT_EQ(event(b, "17", "NGO"), nullptr);
}

// A nationality's peoples ("Iraqi Kurds") are its civilians; a reported clause keeps its subject
// when the parser hangs it on the reporting verb; a participle before an object is the predicate
// even when a verb modifies that object ("blocked roads leading to the centre").
TEST(NewsCoding, PeoplesOfANationAndTheirActs) {
  Article a = code(
      "Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday calling "
      "for independence from Iraq, witnesses said. Angry Algerians blocked roads leading to the "
      "city centre on Sunday.");
  EXPECT_EQ(code_of(a, "Iraqi Kurds"), "IRQCVL");
  EXPECT_NE(event(a, "14", "IRQCVL"), nullptr);
  EXPECT_NE(event(a, "144", "DZACVL"), nullptr);
}

// Force posture: strengthening forces, staying on alert, training fighters (CAMEO 15).
TEST(NewsCoding, ForcePosture) {
  Article a = code(
      "Israel has strengthened its forces in Lebanon. Israeli troops remained on alert in the "
      "West Bank. North Korea has trained 500 hackers.");
  EXPECT_NE(event(a, "154", "ISR"), nullptr);
  EXPECT_NE(event(a, "152", "ISRMIL"), nullptr);
  EXPECT_NE(event(a, "154", "PRK"), nullptr);
  // Blowing up a power line destroys property (1712); "guerillas" are rebels however spelled.
  Article b = code("Afghan guerillas blew up three power lines leading into Kabul.");
  EXPECT_NE(event(b, "1712", "AFGREB"), nullptr);
}

TEST(NewsCoding, ParticiplesWithAnObjectArePredicates) {
  // The tagger reads "arrested" after a noun as a participle; the event must still be coded.
  Article a = code("Russian police arrested 200 protesters in Moscow.");
  const Event* e = event(a, "173", "RUSCOP");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code, "RUSCVL");
}

TEST(NewsCoding, ParticiplesWithOnlyTheirOwnClausesBelowArePredicates) {
  // "called" read as a participle on "Protesters", with the only other verbs inside its own
  // phrase: the sentence has no other predicate.
  Article a = code(
      "Puerto Rico Governor Ricardo Rossello spoke on Monday. Protesters called for Rossello's "
      "resignation after revelations he sent offensive comments.",
      "2019-07-28");
  EXPECT_NE(event(a, "024", "PRICVL", "PRIGOV"), nullptr);
}

TEST(NewsCoding, ParticipleBeforeATrailingReportIsTheReportedClause) {
  // The parser hangs "troops" on "said" beside "officials" and "attacked" on "troops" as a
  // participle; the repair makes "attacked" the reported clause, coded and reported.
  Article a = code("Israeli troops attacked Palestinian militants in Gaza, officials said.");
  const Event* e = event(a, "190", "ISRMIL");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code, "PSEREB");
  ASSERT_GE(e->reported_by, 0);
  EXPECT_EQ(a.actors[e->reported_by].code, "ISRGOV");
}

TEST(NewsCoding, AVerbAfterTheNamesAppositionIsThePredicate) {
  // The parser roots "Kurt Volker, the special envoy, resigned on Friday" at the name and hangs
  // "resigned" on the apposition; the repair makes the name the verb's subject.
  Article a = code("Mark Benson, the British trade envoy, resigned on Friday.");
  ASSERT_FALSE(a.events.empty());
  EXPECT_EQ(a.events[0].cameo, "0831");
}

TEST(NewsCoding, AFiniteConjunctIsNotPartOfTheInfinitiveBeforeIt) {
  // "agreed to add ... but did not accede": the refusal is the subject's own act, not part of
  // what was agreed.
  Article a = code(
      "The Egyptian government agreed to add two members to the council but did not accede to "
      "the protesters' demands for an inquiry.");
  EXPECT_NE(event(a, "12", "EGYGOV"), nullptr);
}

TEST(NewsCoding, EventsKeepActorsWithoutACode) {
  // Nothing in the text says who either person is: the event stays, its codes empty.
  Article a = code("Arkady Veselovsky-Dorn sharply criticized Boris Kelemenov-Asz on Monday.");
  const Event* e = event(a, "111", "");
  ASSERT_NE(e, nullptr);
  EXPECT_GE(e->source_actor, 0);
  EXPECT_GE(e->target_actor, 0);
  EXPECT_TRUE(e->unresolved_source);
  EXPECT_TRUE(e->unresolved_target);
}

TEST(NewsCoding, UnidentifiedPeopleArePresumedNationalsOfTheArticlesState) {
  Article a = code("The Russian government arrested Arkady Veselovsky-Dorn.");
  const Event* e = event(a, "173", "RUSGOV");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code, "RUS");
  ASSERT_GE(e->target_actor, 0);
  EXPECT_TRUE(a.actors[static_cast<size_t>(e->target_actor)].presumed);
  EXPECT_FALSE(a.actors[static_cast<size_t>(e->source_actor)].presumed);
}

TEST(NewsCoding, PassiveActsOfInstitutionsHaveTheirImpliedDoer) {
  // No agent in the text: impeachment is the legislature's, an arrest the police's, in the
  // target's state.
  Article a = code("Belarusian opposition leader Viktar Babaryka was arrested in May.");
  const Event* e = event(a, "173", "BLRCOP");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code.substr(0, 3), "BLR");
  Article b = code("The American senator Jon Brakeman-Holt was impeached in 1998.");
  EXPECT_NE(event(b, "115", "USALEG"), nullptr);
}

TEST(NewsCoding, ReportedObligationsAreTheReportersDemands) {
  // "X said Y must Z" is X's demand on Y, not Y's (modal) act.
  Article a = code("Egypt said Israel must withdraw its forces from Gaza.");
  bool demand = false;
  for (const Event& e : a.events) {
    EXPECT_NE(e.source_code, "ISR") << e.cameo;
    demand |=
        e.cameo.starts_with("10") && e.source_code == "EGY" && e.target_code.starts_with("ISR");
  }
  EXPECT_TRUE(demand);
}

TEST(NewsCoding, ObligationsOfTheReportersOwnStateAreItsCourse) {
  // A government saying its own state must act states its course; rebels saying their
  // government must act make a demand.
  Article a = code("The Norwegian prime minister said Norway must leave the alliance.");
  EXPECT_NE(event(a, "16", "NOR"), nullptr);
  EXPECT_EQ(event(a, "10", "NORGOV"), nullptr);
  Article b = code("Norwegian rebels said the Norwegian government must leave the alliance.");
  EXPECT_NE(event(b, "10", "NORREB"), nullptr);
}

TEST(NewsCoding, ReportedObligationsWithoutAnEventWordAreDemands) {
  // The act demanded is no event word: the demand is still the reporter's (100).
  Article a = code("The European Court of Justice ruled that Facebook must remove the posts.");
  EXPECT_NE(event(a, "100", "IGOEUREECJUD", "BUS"), nullptr);
  // A party's own duty is no demand.
  Article own = code("Netanyahu's government said Israel must remain vigilant.", "2019-05-01");
  EXPECT_EQ(event(own, "10", "ISRGOV"), nullptr);
}

TEST(NewsCoding, ActsInTheSimplePresentAreHabitsUnlessReported) {
  // Narrative news reports acts in the past; the simple present states a habit or a rule.
  EXPECT_EQ(event(code("Iran sends weapons to the Houthi rebels."), "06", "IRN"), nullptr);
  EXPECT_NE(event(code("Iran sent weapons to the Houthi rebels."), "06", "IRN"), nullptr);
  // A report after the act, and a headline, keep it.
  EXPECT_NE(
      event(code("Iran sends weapons to the Houthi rebels, a UN panel was told."), "06", "IRN"),
      nullptr);
  EXPECT_NE(event(code("Iran sends weapons to Houthi rebels"), "06", "IRN"), nullptr);
  // An event noun a light verb in the simple present holds is a standing state too.
  EXPECT_EQ(event(code("The European Union provides aid to Gaza."), "07", "IGOEUREEC"), nullptr);
  EXPECT_NE(event(code("The European Union provided aid to Gaza."), "07", "IGOEUREEC"), nullptr);
  // The time of an oblique is no place of a visit.
  EXPECT_EQ(event(code("The opposition leader arrived at about 20:00."), "042", "*"), nullptr);
}

TEST(NewsCoding, OwnForcesAreTheInstrumentNotTheTarget) {
  // "troops" (kept whole by the lemmatizer) matches the patterns' "troop"; the act is aimed at
  // the state the prepositional phrase names, not at the troops.
  Article a = code("Russia deployed troops to the border with Ukraine.");
  EXPECT_NE(event(a, "154", "RUS", "UKR"), nullptr);
  // What a party can or must do, told by the article itself, did not happen.
  Article could =
      code("Israel declared an emergency so it could deploy troops to the border with Lebanon.");
  EXPECT_EQ(event(could, "154", "ISR"), nullptr);
}

TEST(NewsCoding, UrgingOthersToActAgainstAPartyRalliesOppositionToIt) {
  Article a = code("The US urged Germany to impose sanctions on Iran.");
  EXPECT_NE(event(a, "02", "USA", "DEU"), nullptr);   // the appeal to the party addressed
  EXPECT_NE(event(a, "113", "USA", "IRN"), nullptr);  // rallying opposition against the other
  EXPECT_EQ(event(a, "16", "USA"), nullptr);          // the sanctions asked for are no US act
  // The party addressed may be named after a plain noun.
  Article b = code("The US has been encouraging allies such as Germany to restrict Iran's trade.");
  EXPECT_NE(event(b, "02", "USA", "DEU"), nullptr);
  EXPECT_NE(event(b, "113", "USA", "IRN"), nullptr);
}

TEST(NewsCoding, NotYieldingIsRefusing) {
  Article a = code("The Hong Kong government did not accede to the protesters' demands.");
  const Event* e = event(a, "124", "HKGGOV");
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->negated);
  EXPECT_EQ(event(a, "08", "HKGGOV"), nullptr);
}

TEST(NewsCoding, ARegionThatActsIsItsStatesGovernment) {
  Article a = code("California sued the federal government.");
  EXPECT_EQ(code_of(a, "California"), "USAGOV");
  EXPECT_NE(event(a, "115", "USAGOV"), nullptr);
  // A region as a place is no actor.
  Article b = code("Protesters gathered in California on Monday.");
  EXPECT_EQ(actor_of(b, "California"), nullptr);
}

TEST(NewsCoding, BansOfCompaniesAreSanctionsOnTheNamedTarget) {
  // The name under a descriptive head is the target; a ban on a company is CAMEO 163.
  Article a = code(
      "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation.");
  const Event* e = event(a, "163", "DEU");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code, "IRNBUS");
}

TEST(NewsCoding, SymmetricActsAmongSeveralPartiesArePairs) {
  Article a = code("Turkey and Libya signed a maritime deal on Wednesday.");
  int pairs = 0;
  for (const Event& e : a.events)
    if (e.cameo == "057") {
      ++pairs;
      EXPECT_NE(e.source_code, e.target_code);
    }
  EXPECT_EQ(pairs, 1);  // one record per unordered pair
}

TEST(NewsCoding, DocumentsSpeakForTheirAuthors) {
  Article a = code(
      "On Monday, the ACLU filed a lawsuit against the declaration. The motion claims the "
      "declaration is unconstitutional. According to a poll published by NBC News, most voters "
      "agree. The European Court of Justice heard the case in May. According to the ruling, "
      "hosts must remove the posts.");
  auto speaker = [&](std::string_view start) -> std::string {
    for (const Quote& q : a.quotes)
      if (a.view(q.span).starts_with(start))
        return q.speaker_actor < 0 ? "(none)" : a.actors[static_cast<size_t>(q.speaker_actor)].code;
    return "(no quote)";
  };
  EXPECT_EQ(speaker("the declaration is unconstitutional"), "NGO");  // who filed it
  EXPECT_EQ(speaker("most voters agree"), "MED");                    // published by
  EXPECT_EQ(speaker("hosts must remove"), "IGOEUREECJUD");           // the court of the article
}

TEST(NewsCoding, AParentheticalAsReportSourcesItsClause) {
  Article a = code("As the BBC reported, the army withdrew from the city.");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_NE(a.view(a.quotes[0].span).find("the army withdrew"), std::string_view::npos);
  ASSERT_GE(a.quotes[0].speaker_actor, 0);
  EXPECT_EQ(a.actors[static_cast<size_t>(a.quotes[0].speaker_actor)].code, "MED");
}

TEST(NewsCoding, DismissalsAsReportedSpeech) {
  Article a = code("The Russian government dismissed the claim from Berlin as groundless.");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.view(a.quotes[0].span), "the claim from Berlin as groundless");
  // A neutral description is no report.
  EXPECT_TRUE(code("Greece described the agreement as a success.").quotes.empty());
}

TEST(NewsCoding, AddingSpeaksThroughTheVerbOfSayingAbove) {
  Article a = code(
      "The Egyptian foreign minister said the talks had failed, adding that Israel "
      "would respond.");
  bool found = false;
  for (const Quote& q : a.quotes)
    if (a.view(q.span) == "Israel would respond") {
      found = true;
      ASSERT_GE(q.speaker_actor, 0);
      EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].code, "EGYGOV");
    }
  EXPECT_TRUE(found);
  // A participle shares the subject of the verb it hangs on.
  Article b =
      code("Members of the House of Commons protested by shouting \"shame on you!\" on Monday.");
  ASSERT_EQ(b.quotes.size(), 1u);
  ASSERT_GE(b.quotes[0].speaker_actor, 0);
  EXPECT_EQ(b.actors[static_cast<size_t>(b.quotes[0].speaker_actor)].code, "GBRLEG");
}

TEST(NewsCoding, AParticipleOfSayingHungOnANounSpeaksThroughTheVerbAbove) {
  // The parser hangs "further saying" on a noun of the reported clause ("costs" read as a noun);
  // both quotes are still the governor's.
  Article a = code(
      "The Nigerian central bank governor said the use of foreign currencies \"costs Nigeria $2 "
      "billion a year,\" further saying, \"It also reduces trade.\"");
  ASSERT_EQ(a.quotes.size(), 2u);
  for (const Quote& q : a.quotes) {
    ASSERT_GE(q.speaker_actor, 0) << a.view(q.span);
    EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].code, "NGAGOV");
  }
}

TEST(NewsCoding, ASubjectAfterAFrontedSourceIsTheSubject) {
  // "According to X, Y, Z, said": the parser hangs Y on X as an apposition; it is the speaker.
  Article a = code(
      "According to the state news agency IRNA, the foreign minister of Iran, Javad Zarif, said "
      "the sanctions were \"economic terrorism\".");
  ASSERT_EQ(a.quotes.size(), 1u);
  ASSERT_GE(a.quotes[0].speaker_actor, 0);
  EXPECT_EQ(a.actors[static_cast<size_t>(a.quotes[0].speaker_actor)].code, "IRNGOV");
}

TEST(NewsCoding, TitlesWithAPostpositiveGeneralAreNouns) {
  // "general" after "attorneys" read as a verb left the sentence without its predicate.
  Article a = code(
      "The United States faces a legal fight. On Monday, attorneys general from sixteen states "
      "filed a lawsuit against President Donald Trump.",
      "2019-02-18");
  EXPECT_NE(event(a, "115", "USAGOV"), nullptr);
}

TEST(NewsCoding, AnnouncedResignationsAreResignationsToCome) {
  // The guidelines' convention: an announced resignation is 0831 (future), not an intent (0341);
  // "is to leave" has the person as its subject.
  Article a = code("Jorge Ramos, the governor of Puerto Rico, said he will step down next month.");
  EXPECT_NE(event(a, "0831", "PRIGOV"), nullptr);
  Article b = code("Jorge Ramos, the governor of Puerto Rico, said he is to leave office in May.");
  EXPECT_NE(event(b, "0831", "PRIGOV"), nullptr);
}

TEST(NewsCoding, ADefiniteRoleNounRefersToTheLatestMentionWithThatNoun) {
  // "the spokesperson" is the Interpol spokesperson of the sentence before, not the latest
  // government actor.
  Article a = code(
      "Iran's government asked Interpol to act. An Interpol spokesperson said the request was "
      "political. The spokesperson added that Interpol \"would not consider requests of this "
      "nature\".");
  bool interpol = false;
  for (const Quote& q : a.quotes)
    if (a.view(q.span).find("would not consider") != std::string_view::npos && q.speaker_actor >= 0)
      interpol = a.actors[static_cast<size_t>(q.speaker_actor)].code.starts_with("IGO");
  EXPECT_TRUE(interpol);
}

TEST(NewsCoding, TheyAtTheStartOfASentenceIsTheOrganisationNamedBefore) {
  Article a = code(
      "On Thursday the Greek Heritage Foundation criticized the move. They released a statement "
      "which said, \"The monument must remain a museum.\"");
  ASSERT_FALSE(a.quotes.empty());
  ASSERT_GE(a.quotes.back().speaker_actor, 0);
  EXPECT_EQ(a.actors[static_cast<size_t>(a.quotes.back().speaker_actor)].name,
            "Greek Heritage Foundation");
}

TEST(NewsCoding, PoliceAsAModifierIsThePoliceOfTheArticlesState) {
  // "police brutality", "a police raid": the police are meant, the home state's; "military
  // control" stays no actor.
  Article a = code(
      "Hong Kong protesters demanded an inquiry into police brutality. The protests continued "
      "in Hong Kong on Sunday.",
      "2019-11-25");
  EXPECT_EQ(code_of(a, "police"), "HKGCOP");
}

TEST(NewsCoding, ATitleOfAnOfficeLongLeftIsAFormerOfficeHolders) {
  // The knowledge base has Nixon out of every office in 2019: "president" names the office he
  // held, OPP as the guidelines code former office-holders.
  Article a =
      code("A third president, Richard Nixon, resigned before any impeachment vote.", "2019-09-25");
  EXPECT_EQ(code_named(a, "Richard Nixon"), "USAOPP");
}

TEST(NewsCoding, QuotesInNewsForms) {
  Article a = code(
      "The airline \"transports weapons and fighters across the region,\" according to a tweet on "
      "Monday by US Secretary of State Mike Pompeo. Greece called the deal \"null and void\". "
      "The UN envoy encouraged the CIA to release the files from their investigation.");
  int direct = 0, requests = 0;
  for (const Quote& q : a.quotes) {
    std::string_view text = a.view(q.span);
    if (text.starts_with("transports")) {
      ++direct;
      ASSERT_GE(q.speaker_actor, 0);
      EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].code, "USAGOV");
    }
    if (text == "null and void") {
      ++direct;
      ASSERT_GE(q.speaker_actor, 0);
      EXPECT_EQ(a.actors[static_cast<size_t>(q.speaker_actor)].country, "GRC");
    }
    if (text.starts_with("the CIA to release")) ++requests;
  }
  EXPECT_EQ(direct, 2);
  EXPECT_EQ(requests, 1);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(NewsCoding, MeetingNounsNameTheirParticipants) {
  // "of A, B and C": each with each.
  Article a = code(
      "During the trilateral meeting of Cyprus, Greece and Israel on January 28, the leaders "
      "agreed.");
  EXPECT_NE(event(a, "040", "CYP", "GRC"), nullptr);
  EXPECT_NE(event(a, "040", "GRC", "ISR"), nullptr);
  // A call with or between people is a telephone call; the caller is the possessor.
  Article b = code("Donald Trump's call with Ukrainian President Volodymyr Zelensky worried them.",
                   "2019-09-25");
  EXPECT_NE(event(b, "041", "USAGOV", "UKRGOV"), nullptr);
  // A meeting in a place or time phrase is the clause's doer's.
  Article c = code(
      "Ukrainian President Volodymyr Zelensky spoke in a meeting with Russian President Vladimir "
      "Putin.",
      "2019-12-09");
  EXPECT_NE(event(c, "04", "UKRGOV", "RUSGOV"), nullptr);
  // ... but not when the clause is the content of an appeal.
  Article d = code("The United States urged Hamas to engage in the negotiations in Cairo.");
  EXPECT_EQ(event(d, "04", "PSEREB"), nullptr);
}

TEST(NewsCoding, EveryReportOfAnActIsAMention) {
  // One record per sentence: the title and the body each report the ban.
  Article a = code(
      "Germany bans Mahan Air\n\nGermany banned Iranian airline Mahan Air on Monday. "
      "The Federal Aviation Office of Germany has suspended Mahan's permit.");
  size_t bans = 0;
  for (const Event& e : a.events) bans += e.cameo == "163" && e.source_code == "DEU";
  EXPECT_GE(bans, 2u);
  // "Mahan" after "Mahan Air" is the airline.
  EXPECT_EQ(code_of(a, "Mahan"), "IRNBUS");
}

TEST(NewsCoding, PassiveRelativeClausesFindWhoUnderwentTheAct) {
  Article a = code(
      "Belarus votes\n\nTsikhanouskaya, a candidate in Belarus, spoke in Minsk. "
      "Viktar Babaryka, who was arrested and banned from the election, was absent.");
  const Event* arrest = nullptr;
  for (const Event& e : a.events)
    if (e.cameo.starts_with("17") && e.source_code == "BLRCOP" && a.view(e.trigger) == "arrested")
      arrest = &e;
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(a.actors[static_cast<size_t>(arrest->target_actor)].name, "Viktar Babaryka");
}

TEST(NewsCoding, PartiesAreInGovernmentOrOppositionAtTheArticlesDate) {
  const std::string text = "The Labour Party and the Conservative Party disagreed on Brexit.";
  EXPECT_EQ(code_of(code(text, "2019-09-03"), "The Labour Party"), "GBROPP");
  EXPECT_EQ(code_of(code(text, "2019-09-03"), "the Conservative Party"), "GBRGOV");
  EXPECT_EQ(code_of(code(text, "2008-05-01"), "The Labour Party"), "GBRGOV");
  EXPECT_EQ(code_of(code(text, "2008-05-01"), "the Conservative Party"), "GBROPP");
  // Undated: the latest standing.
  EXPECT_EQ(code_of(code(text), "The Labour Party"), "GBRGOV");
}

TEST(NewsCoding, RegionsNamedLikeStatesInTheirOwnStatesArticles) {
  // "Georgia" is the country, except where the article is set in the United States.
  Article us = code(
      "US House votes\n\nThe US House voted. Representative Doug Collins of Georgia criticized "
      "the vote in Washington.",
      "2019-10-01");
  EXPECT_EQ(code_of(us, "Representative Doug Collins"), "USALEG");
  Article ge = code(
      "Georgia holds elections\n\nGeorgia held elections. The Georgian president criticized "
      "Russia.");
  EXPECT_EQ(code_of(ge, "Georgia"), "GEO");
}

TEST(NewsCoding, HyphenatedNamesMatchTheKnowledgeBaseHoweverTokenized) {
  Article a = code("T\n\nPresident Abdel Fattah el-Sisi and Bashar al-Assad met.", "2019-07-07");
  EXPECT_EQ(code_of(a, "President Abdel Fattah el-Sisi"), "EGYGOV");
  EXPECT_EQ(code_of(a, "Bashar al-Assad"), "SYRGOV");
}

TEST(NewsCoding, QuotedAppraisalsAreActsOfTheSpeakerTowardsTheParty) {
  // A quote that condemns a party the quote names.
  Article a = code(
      "\"Turkey's blockade is a cruel stunt,\" Greek Prime Minister Kyriakos Mitsotakis said.");
  EXPECT_NE(event(a, "111", "GRCGOV", "TUR"), nullptr);
  // ... and the speaker's position against what it appraises.
  ASSERT_FALSE(a.positions.empty());
  EXPECT_EQ(a.positions.back().stance, "oppose");
  EXPECT_EQ(a.actors[static_cast<size_t>(a.positions.back().actor)].code, "GRCGOV");
  EXPECT_EQ(a.positions.back().issue, "Turkey's blockade");
  // The object of a naming verb is the party appraised.
  Article b = code("German Chancellor Angela Merkel called Russia's decision \"a disgrace\".");
  EXPECT_NE(event(b, "111", "DEUGOV", "RUS"), nullptr);
  // Denied, there is no appraisal; "not only ... but" is no denial.
  Article c = code("\"Israel's response is not unlawful,\" the US ambassador said.");
  EXPECT_EQ(event(c, "11", "USAGOV"), nullptr);
  Article d = code(
      "\"This is not only an insult to Greece, it is an insult to Europe,\" the Greek foreign "
      "minister said of Turkey's decision.");
  EXPECT_NE(event(d, "111", "GRCGOV"), nullptr);
}

TEST(NewsCoding, AppraisalsOfAPronounAppraiseWhatTheActWasAbout) {
  // "calling it ...": "it" is what the speaker commented on; its nationality adjectives name the
  // parties appraised, when the article names those states.
  Article a = code(
      "Egypt and Sudan signed a water agreement. Ethiopia's foreign minister commented on the "
      "Egyptian-Sudanese water agreement, calling it \"absurd\".");
  EXPECT_NE(event(a, "111", "ETHGOV", "EGY"), nullptr);
  EXPECT_NE(event(a, "111", "ETHGOV", "SDN"), nullptr);
}

TEST(NewsCoding, OfTwoSubjectsTheActorIsTheDoer) {
  // "This Thursday" misread as a second subject does not hide the doer.
  Article a = code("This Thursday the Russian government criticized the move.");
  EXPECT_NE(event(a, "111", "RUSGOV"), nullptr);
}

TEST(NewsCoding, OrganisationNamesRunAcrossTheirPrepositions) {
  // "for" before the head noun and two complements after it are inside the name; a place before
  // the description before the name gives its state.
  Article a = code(
      "He was flown out by the Lyon charity Friends for Peace Foundation. The Institute for "
      "Energy Studies of Algeria and the Council on Desert Affairs later commented.");
  EXPECT_EQ(code_named(a, "Friends for Peace Foundation"), "FRANGO");
  EXPECT_NE(actor_of(a, "The Institute for Energy Studies of Algeria"), nullptr);
  EXPECT_NE(actor_of(a, "the Council on Desert Affairs"), nullptr);
  Article c = code("The Athens-based think tank Aegean Energy Forum said the project is viable.");
  EXPECT_EQ(code_named(c, "Aegean Energy Forum"), "GRCNGO");
  // A description after the name gives the state of a body no table knows.
  Article d = code("The Lake Garda Foundation, a Geneva-based non-profit, paid for it.");
  EXPECT_EQ(code_named(d, "Lake Garda Foundation"), "CHENGO");
  // "of" before the head noun joins a person to the body, not one name.
  Article b = code("John Smith of Amnesty International criticised the ban.");
  EXPECT_EQ(actor_of(b, "John Smith of Amnesty International"), nullptr);
}

TEST(NewsCoding, HospitalsAndTheirPeopleAreHealthActorsOfTheirPlace) {
  Article a = code(
      "Novosibirsk hospital officials said he was stable. The Omsk hospital said tests found "
      "nothing. He was taken to a hospital in Berlin.");
  EXPECT_EQ(code_of(a, "Novosibirsk hospital officials"), "RUSHLH");
  EXPECT_EQ(code_of(a, "The Omsk hospital"), "RUSHLH");
  // A hospital after "to", "in", "at" is the place something happened, not an actor.
  EXPECT_EQ(actor_of(a, "a hospital"), nullptr);
}

TEST(NewsCoding, UnknownCharitiesAreTheArticlesStatesUnlessInternational) {
  Article a = code(
      "Polish police arrested a man in Gdansk on Sunday. The Gdansk Hope Foundation raised "
      "money for the victims. The Global Water Forum also helped. An environmental group sued "
      "the city.",
      "2019-01-14");
  EXPECT_EQ(code_of(a, "The Gdansk Hope Foundation"), "POLNGO");
  EXPECT_EQ(code_of(a, "The Global Water Forum"), "NGO");
  // One unnamed group too.
  EXPECT_EQ(code_of(a, "environmental group"), "POLNGO");
}

TEST(NewsCoding, OrganisationsAreNamedByTheirHeadNoun) {
  // Places and demonyms inside an organisation's name give its country, not a second actor.
  Article a = code(
      "Researchers at Tel Aviv University and the Polish Energy Forum disagreed, the Kenya "
      "Mail reported. A professor at the University of Lagos agreed.");
  EXPECT_EQ(code_of(a, "Tel Aviv University"), "ISREDU");
  EXPECT_EQ(code_of(a, "the Polish Energy Forum"), "POLNGO");
  EXPECT_EQ(code_of(a, "the Kenya Mail"), "KENMED");
  EXPECT_EQ(code_of(a, "the University of Lagos").substr(3), "EDU");
  // A small town named like a word gives no country ("Federal" is a town in Argentina).
  Article b = code("The Federal Aviation Office of Germany suspended the permit.");
  EXPECT_EQ(code_of(b, "The Federal Aviation Office of Germany"), "DEUGOV");
}

TEST(NewsCoding, AnAcronymInBracketsIsTheOrganisation) {
  Article a = code(
      "The Kenyan Commission on Human Rights (KCHR) criticized the police. The KCHR also "
      "urged the government to act.");
  const Actor* full = actor_of(a, "The Kenyan Commission on Human Rights");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->code, "KENGOV");
  EXPECT_EQ(actor_of(a, "KCHR"), full);
  EXPECT_NE(event(a, "111", "KENGOV"), nullptr);
}

TEST(NewsCoding, ReportsWithoutThatAreQuotes) {
  auto quoted = [](const Article& a, std::string_view text) -> const Quote* {
    for (const Quote& q : a.quotes)
      if (a.view(q.span) == text) return &q;
    return nullptr;
  };
  // Reports without "that", whatever the parser made of them.
  Article a = code(
      "The French government claims Wagner flies weapons to Mali in support of the junta. The "
      "Turkish ministry announced the tests by a private laboratory found traces of sarin.");
  const Quote* claim = quoted(a, "Wagner flies weapons to Mali in support of the junta");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(a.actors[static_cast<size_t>(claim->speaker_actor)].code, "FRAGOV");
  const Quote* finding = quoted(a, "the tests by a private laboratory found traces of sarin");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(a.actors[static_cast<size_t>(finding->speaker_actor)].code, "TURGOV");
  // A source that is no actor still makes a report; its speaker is left unresolved.
  Article b = code("According to a leaked memo, the army will withdraw from the town.");
  ASSERT_EQ(b.quotes.size(), 1u);
  EXPECT_EQ(b.view(b.quotes[0].span), "the army will withdraw from the town");
  EXPECT_EQ(b.quotes[0].speaker_actor, -1);
}

TEST(NewsCoding, TargetsTheSentenceLeavesOutComeFromTheArticle) {
  // The doer's counterpart in the article's other events is the target; it is marked inferred.
  Article a = code(
      "Kenya and Somalia held talks in Nairobi on Monday. Kenya accused Somalia of violating its "
      "border. On Tuesday the Kenyan government condemned the move.");
  const Event* condemned = event(a, "111", "KENGOV");
  ASSERT_NE(condemned, nullptr);
  EXPECT_EQ(condemned->target_code, "SOM");
  EXPECT_TRUE(condemned->target_inferred);
  const Event* accused = event(a, "112", "KEN", "SOM");
  ASSERT_NE(accused, nullptr);
  EXPECT_FALSE(accused->target_inferred);
  // A text of one sentence has no context to infer from.
  Article b = code("The Kenyan government condemned the move.");
  const Event* alone = event(b, "111", "KENGOV");
  ASSERT_NE(alone, nullptr);
  EXPECT_EQ(alone->target_code, "");
}

TEST(NewsCoding, PeopleOfAnActorTakeItsCode) {
  Article a = code(
      "Russian opposition leader Alexei Navalny fell ill on a flight. Associates of Navalny said "
      "he drank poisoned tea. Members of the Duma criticized the inquiry.");
  const Actor* associates = actor_of(a, "Associates");
  ASSERT_NE(associates, nullptr);
  EXPECT_EQ(associates->code, "RUSOPP");
  EXPECT_EQ(associates->name, "Associates of Navalny");
  EXPECT_EQ(code_of(a, "Members"), "RUSLEG");
  EXPECT_NE(event(a, "111", "RUSLEG"), nullptr);
  // After a possessive pronoun: the sentence's first person, not the latest one named.
  Article b = code(
      "Russian opposition leader Alexei Navalny is a critic of Putin, and his associates alleged "
      "he was poisoned.",
      "2020-09-02");
  EXPECT_EQ(code_of(b, "associates"), "RUSOPP");
}

TEST(NewsCoding, PromisesAndAgreementsSupportWhatTheyAreAbout) {
  Article a = code("The Kenyan government promised to withdraw its troops from Somalia.");
  ASSERT_FALSE(a.positions.empty());
  EXPECT_EQ(a.positions[0].stance, "support");
  EXPECT_EQ(a.actors[static_cast<size_t>(a.positions[0].actor)].code, "KENGOV");
  EXPECT_NE(a.positions[0].issue.find("withdraw"), std::string::npos);
}

TEST(NewsCoding, EnvoysBelongToTheStateTheyServe) {
  Article a = code(
      "The US Special Representative for Venezuela Elliott Abrams spoke on Monday. Geir "
      "Pedersen, the Norwegian special envoy for Syria talks, arrived in Geneva.");
  EXPECT_EQ(code_of(a, "US Special Representative for Venezuela Elliott Abrams"), "USAGOV");
  EXPECT_EQ(code_of(a, "Geir Pedersen"), "NORGOV");
}

TEST(NewsCoding, APortfolioBetweenABodyAndARoleKeepsTheBody) {
  Article a = code(
      "Kenya hosted the summit. AU trade and industry commissioner Amina Okoro criticized the "
      "move. Kenya's president named him leader of the Jubilee Party and minister of trade.");
  EXPECT_EQ(code_of(a, "AU trade and industry commissioner Amina Okoro"), "IGOAFRAFU");
  EXPECT_EQ(actor_of(a, "the Jubilee Party and minister"), nullptr);
}

TEST(NewsCoding, AOneWordBodyIsTheHomeStatesBodyOfThatName) {
  // "the House" in an American article, "Congress" in a Philippine one.
  Article a = code(
      "US lawmakers debate the budget\n\nThe United States Treasury asked for more. The House "
      "will vote next week, and the Treasury will wait.");
  EXPECT_EQ(code_of(a, "The House"), "USALEG");
  Article b = code(
      "Philippine network shut down\n\nThe Philippine government ordered ABS-CBN off the air. "
      "Manila officials said Congress would review the franchise of the network in the "
      "Philippines.");
  EXPECT_EQ(code_of(b, "Congress"), "PHLLEG");
}

TEST(NewsCoding, NationsPeopleInOneOrSeveralWords) {
  Article a = code(
      "Britons voted to leave. Hong Kongers turned out to vote, and New Zealanders "
      "protested.");
  EXPECT_EQ(code_of(a, "Britons"), "GBRCVL");
  EXPECT_EQ(code_of(a, "Hong Kongers"), "HKGCVL");
  EXPECT_EQ(code_of(a, "New Zealanders"), "NZLCVL");
}

TEST(NewsCoding, ThePressIsTheHomeStatesOnlyWhenLocal) {
  Article a = code(
      "Polish president Andrzej Duda spoke in Warsaw. Duda told local media the mayor was "
      "alive. She credited news media with keeping the story alive.");
  EXPECT_EQ(code_of(a, "local media"), "POLMED");
  EXPECT_EQ(code_of(a, "news media"), "MED");
}

TEST(NewsCoding, AgreementsSignedBetweenSeveralPartiesArePairs) {
  Article a = code("A memorandum on the railway was signed between Kenya, Uganda and Rwanda.");
  EXPECT_NE(event(a, "057", "KEN", "UGA"), nullptr);
  EXPECT_NE(event(a, "057", "KEN", "RWA"), nullptr);
  EXPECT_NE(event(a, "057", "UGA", "RWA"), nullptr);
}

TEST(NewsCoding, ActsWithNoDoerAreTheirInstitutionsInTheArticlesState) {
  // Protests nobody is named for are the home state's civilians'; an arrest with no actor
  // arrested is still the police's.
  Article a = code(
      "Protests continued in Nairobi on Sunday. The protests began in June. Kenyan police said "
      "a man has been arrested.");
  EXPECT_NE(event(a, "14", "KENCVL"), nullptr);
  EXPECT_NE(event(a, "173", "KENCOP"), nullptr);
}

}  // namespace
// One record per (source, code, target) and clause: parties with one code acting together are
// one record (CAMEO practice, news-gold guidelines), parties with different codes are not.
TEST(NewsCoding, PartiesWithOneCodeActingTogetherAreOneRecord) {
  Article a = code(
      "Senate votes on the budget\n\nTwo American senators, Ann Lee and Bob Ray, criticized "
      "President Donald Trump on Monday.");
  size_t criticisms = 0;
  for (const Event& e : a.events) criticisms += e.cameo.starts_with("111");
  EXPECT_EQ(criticisms, 1u);
  ASSERT_NE(event(a, "111", "USALEG", "USAGOV"), nullptr);
  Article b = code("Israel and Egypt criticized Hamas on Monday.");
  EXPECT_NE(event(b, "111", "ISR"), nullptr);
  EXPECT_NE(event(b, "111", "EGY"), nullptr);
}

// A court's finding that something is unlawful is a legal verdict (CAMEO 116), whether the
// finding is an open complement the pattern names or a clause; the verdict on an act is aimed at
// the act's doer.
TEST(NewsCoding, CourtFindingsAreVerdicts) {
  Article a = code(
      "Court rules on ban\n\nThe Canadian government banned the rally on Monday. The Supreme "
      "Court of Canada found the ban to be unlawful on Friday.");
  ASSERT_NE(event(a, "116", "CANJUD"), nullptr);
  EXPECT_EQ(event(a, "116", "CANJUD")->target_code, "CANGOV");
  Article b = code("The Supreme Court of Canada concluded that the law was unconstitutional.");
  EXPECT_NE(event(b, "116", "CANJUD"), nullptr);
}

// Event nouns inside an actor's name or title are no events: a party called a "Rally", an
// official whose title names a portfolio of trade.
TEST(NewsCoding, EventWordsInsideNamesAreNoEvents) {
  Article a = code(
      "In Cyprus, the ruling Democratic Rally in Cyprus hailed the pipeline. AU trade and "
      "industry commissioner Albert Muchanga announced the date.");
  for (const Event& e : a.events) {
    EXPECT_FALSE(e.cameo.starts_with("14")) << e.cameo;
    EXPECT_FALSE(e.cameo.starts_with("06")) << e.cameo;
  }
}

// A document that speaks ("The motion claims ...") is the source as written; the actor right
// after the cue is what it speaks about, not its speaker.
TEST(NewsCoding, ADocumentThatSpeaksIsNotTheActorItNames) {
  Article a = code(
      "States sue over the wall\n\nThe motion claims President Donald Trump's declaration is "
      "unconstitutional. Ann Lee, the Canadian foreign minister, said Canada would help.");
  ASSERT_EQ(a.quotes.size(), 2u);
  EXPECT_EQ(a.quotes[0].speaker_actor, -1);
  EXPECT_EQ(a.view(a.quotes[0].speaker), "The motion");
  ASSERT_GE(a.quotes[1].speaker_actor, 0);
  EXPECT_EQ(a.actors[static_cast<size_t>(a.quotes[1].speaker_actor)].code, "CANGOV");
}

// A party that alleges or claims what it reports holds that as its position ("maintain");
// one that merely says it takes none.
TEST(NewsCoding, AllegationsAreMaintainedPositions) {
  Article a = code(
      "Opposition says leader poisoned\n\nRussian opposition leader Ivan Petrov fell ill. "
      "Members of the Russian opposition claim that Petrov was poisoned in August. The Kremlin "
      "said the weather was fine.");
  size_t maintained = 0;
  for (const Position& p : a.positions)
    if (p.stance == "maintain") {
      ++maintained;
      EXPECT_EQ(a.actors[static_cast<size_t>(p.actor)].code.substr(0, 3), "RUS");
      EXPECT_NE(p.issue.find("poisoned"), std::string::npos) << p.issue;
    }
  EXPECT_EQ(maintained, 1u);
}

// A time is no issue: "agreed on Wednesday that ..." holds no position on Wednesday.
TEST(NewsCoding, TimesAreNoIssues) {
  Article a = code(
      "Romanian officials agreed on Wednesday that the two countries should cooperate. The "
      "Senate voted on Friday for the bill.");
  for (const Position& p : a.positions) {
    EXPECT_EQ(p.issue.find("Wednesday"), std::string::npos) << p.issue;
    EXPECT_EQ(p.issue.find("Friday"), std::string::npos) << p.issue;
  }
}

// Impeaching or suing a party is a legal act (115), not a position on that party.
TEST(NewsCoding, LegalActsAgainstAPartyAreNoStanceOnIt) {
  Article a = code(
      "House impeaches Trump\n\nOn Wednesday, the United States House of Representatives "
      "impeached President Donald Trump.");
  EXPECT_NE(event(a, "115", "USALEG"), nullptr);
  EXPECT_TRUE(a.positions.empty());
}

// "X is a critic of Y": the subject of a stance noun predicate holds its stance.
TEST(NewsCoding, CriticsAndSupportersHoldTheirStance) {
  Article a = code("Canadian opposition leader Ann Lee is an outspoken critic of the carbon tax.");
  ASSERT_EQ(a.positions.size(), 1u);
  EXPECT_EQ(a.positions[0].stance, "oppose");
  EXPECT_EQ(a.actors[static_cast<size_t>(a.positions[0].actor)].code, "CANOPP");
  // A critic of a person opposes that person (a party is an issue for a stance noun).
  Article c = code(
      "Navalny was poisoned. Navalny is an outspoken critic of Russian president "
      "Vladimir Putin.");
  bool opposes = false;
  for (const Position& p : c.positions)
    opposes |= p.stance == "oppose" && p.issue == "Russian president Vladimir Putin";
  EXPECT_TRUE(opposes);
  // Preferring, wanting or proposing something supports it.
  Article b = code("The Canadian government proposed a carbon tax.");
  ASSERT_EQ(b.positions.size(), 1u);
  EXPECT_EQ(b.positions[0].stance, "support");
}

// A passive act done in a statement names its doers there ("condemned in a joint statement by
// A, B and C"), and a passive conjunct shares the first conjunct's subject as its patient;
// unidentified attackers are the home state's unidentified armed forces (UAF).
TEST(NewsCoding, PassiveActsThroughStatementsAndSharedSubjects) {
  Article a = code(
      "Pipeline row\n\nTurkey drilled off Cyprus last year, and was condemned in a joint "
      "statement by Egypt, Greece and Jordan on October 8.");
  // "Iran is under US sanctions": who imposes them is the modifier, who undergoes them the subject.
  Article c = code("Iran is under US sanctions since 2018.");
  ASSERT_NE(event(c, "163", "USA"), nullptr);
  EXPECT_EQ(event(c, "163", "USA")->target_code, "IRN");
  for (const char* state : {"EGY", "GRC", "JOR"}) {
    ASSERT_NE(event(a, "111", state), nullptr) << state;
    EXPECT_EQ(event(a, "111", state)->target_code, "TUR") << state;
  }
  Article b = code("Yemen reporter killed\n\nIn Yemen, unidentified assailants attacked a hotel.");
  EXPECT_EQ(code_of(b, "assailants"), "YEMUAF");
  // Their attack is an assault (18), not the use of military force (19).
  EXPECT_NE(event(b, "180", "YEMUAF"), nullptr);
  EXPECT_EQ(event(b, "19", "YEMUAF"), nullptr);
}

// The complement of "allow", "pressure" or "require" is an act not (yet) done; of "force" it is
// one that happened.
TEST(NewsCoding, AskedOrAllowedActsAreNoEvents) {
  Article a = code("The bill allowed China to arrest Hong Kong activists.");
  EXPECT_EQ(event(a, "17", "CHN"), nullptr);
  Article b = code("Russia pressured Ukraine to arrest the activists.");
  EXPECT_EQ(event(b, "17", "UKR"), nullptr);
  Article c = code("Russia forced Ukraine to arrest the activists.");
  EXPECT_NE(event(c, "17", "UKR"), nullptr);
}

// "US President Donald Trump withdrew the US from a treaty with Iran": the title misparsed as a
// second subject does not make the state the doer, the state the government acts for is not the
// target, and leaving the treaty rejects it.
TEST(NewsCoding, LeavingATreatyOnBehalfOfOnesState) {
  Article a =
      code("Last year US President Donald Trump withdrew the US from a nuclear treaty with Iran.",
           "2019-01-23");
  const Event* e = event(a, "16", "USAGOV");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->target_code, "IRN");
  bool rejects = false;
  for (const Position& p : a.positions)
    rejects |= p.stance == "reject" && a.actors[static_cast<size_t>(p.actor)].code == "USAGOV";
  EXPECT_TRUE(rejects);
}

// An act announced for the future is a promise (03x) or a threat (13x), as the guidelines and
// CAMEO code them; the act itself has not happened.
TEST(NewsCoding, AnnouncedFutureActsArePromisesOrThreats) {
  Article a = code("Israel will withdraw its troops from Gaza.");
  EXPECT_NE(event(a, "035", "ISR"), nullptr);
  EXPECT_EQ(event(a, "087", "ISR"), nullptr);
  Article b = code("Israel withdrew its troops from Gaza.");
  EXPECT_NE(event(b, "087", "ISR"), nullptr);
  Article c = code("Iran will attack Israel.");
  ASSERT_NE(event(c, "13", "IRN"), nullptr);
  EXPECT_EQ(event(c, "13", "IRN")->target_code, "ISR");
}

// A plan or decision to act against a party is the act itself, planned or intended (CAMEO has
// no intent codes for conflict); a plan to cooperate is an expressed intent (03x); a promise of
// force is a threat (13x). A bare "appeal" is a legal appeal (115).
TEST(NewsCoding, PlansOfConflictAreTheActWithItsModality) {
  Article a = code("Iran intends to attack Israel.");
  ASSERT_NE(event(a, "190", "IRN", "ISR"), nullptr);
  EXPECT_EQ(event(a, "190", "IRN", "ISR")->modality, "intended");
  Article b = code("Russia plans to expel the American ambassador.");
  ASSERT_NE(event(b, "16", "RUS"), nullptr);
  EXPECT_EQ(event(b, "16", "RUS")->modality, "planned");
  Article c = code("Israel plans to withdraw its troops from Gaza.");
  EXPECT_NE(event(c, "035", "ISR"), nullptr);
  Article d = code("Russia vowed to attack Ukraine.");
  EXPECT_NE(event(d, "138", "RUS", "UKR"), nullptr);
  Article e = code("The British government intends to appeal the ruling of the Scottish court.");
  EXPECT_NE(event(e, "115", "GBRGOV", "GBRJUD"), nullptr);
  Article f = code("The United Nations appealed for calm in Gaza.");
  EXPECT_EQ(event(f, "115", "IGOUNO"), nullptr);
  // A petition to a court is legal action; other petitions are appeals.
  Article g = code(
      "The Scottish court had been petitioned by Joanna Cherry of the Scottish "
      "National Party.");
  EXPECT_NE(event(g, "115", "GBROPP"), nullptr);
  Article h = code(
      "Joanna Cherry of the Scottish National Party filed a petition asking the "
      "British government to recall Parliament.");
  EXPECT_EQ(event(h, "115", "GBROPP"), nullptr);
}

// An allegation reported with its content maintains that content; it is no opposition to it.
TEST(NewsCoding, AnAllegationMaintainsWhatItAlleges) {
  Article a = code(
      "Russian opposition leader Alexei Navalny fell ill on a flight. His associates "
      "alleged Navalny was poisoned.");
  bool maintained = false;
  for (const Position& p : a.positions) {
    EXPECT_NE(p.stance, "oppose") << p.issue;
    maintained |= p.stance == "maintain" && p.issue == "Navalny was poisoned";
  }
  EXPECT_TRUE(maintained);
}

// "Germany banned Mahan Air ... the ban followed talks": the definite noun of an act coded
// before, aimed at the same party, is another mention of that act, not a second event.
TEST(NewsCoding, TheNounOfAnActCodedBeforeRefersBackToIt) {
  Article a = code(
      "Israel arrested the Hamas leader on Monday. The arrest of the Hamas leader "
      "angered the group.");
  size_t arrests = 0;
  for (const Event& e : a.events)
    if (e.cameo.starts_with("17")) {
      ++arrests;
      EXPECT_EQ(e.source_code, "ISR");
      EXPECT_FALSE(e.other_mentions.empty());
    }
  EXPECT_EQ(arrests, 1u);
}

// Force is aimed "at" its target; elsewhere "at" names a place.
TEST(NewsCoding, ForceIsAimedAtItsTarget) {
  Article a = code("Israeli troops fired at Palestinian protesters in Gaza.");
  EXPECT_NE(event(a, "19", "ISRMIL", "PSECVL"), nullptr);
  Article b = code("Egyptian mediators met Hamas leaders at the Israeli embassy in Cairo.");
  for (const Event& e : b.events) EXPECT_NE(e.target_code, "ISRGOV") << e.cameo;
}

// Criminal charges are legal action against the accused (115); arrests stay 173.
TEST(NewsCoding, ChargesAreLegalActionArrestsAreCoercion) {
  Article a = code("Russian prosecutors charged Alexei Navalny with fraud.");
  EXPECT_NE(event(a, "115", "RUSJUD", "RUSOPP"), nullptr);
  Article b = code("Russian police arrested Alexei Navalny in Moscow.");
  EXPECT_NE(event(b, "173", "RUSCOP", "RUSOPP"), nullptr);
}

// Protests with no doer named are the article's civilians' when the sentence says they took
// place: a span of time "of" them, a verb saying something set them off.
TEST(NewsCoding, ProtestsThatTookPlaceWithoutADoerNamed) {
  Article a = code(
      "Governor Rosselló of Puerto Rico resigned. His announcement followed two weeks of "
      "protests in the capital, San Juan.");
  EXPECT_NE(event(a, "14", "PRICVL"), nullptr);
  Article b = code("The police killing in Minneapolis sparked protests in the United States.");
  EXPECT_NE(event(b, "14", "USACVL"), nullptr);
  Article d =
      code("Police arrested dozens in Hong Kong. The city was the scene of violent protests.");
  EXPECT_NE(event(d, "14", "HKGCVL"), nullptr);
  Article e = code("Thousands of Belarusian protesters attended the rally in Minsk.");
  EXPECT_NE(event(e, "14", "BLRCVL"), nullptr);
  Article c = code("The Prime Minister of Israel warned against protests in Jerusalem.");
  EXPECT_EQ(event(c, "14", "ISRCVL"), nullptr);
}

// Who is "the subject of" or "the target of" an act underwent it.
TEST(NewsCoding, TheSubjectOfAnActUnderwentIt) {
  Article a =
      code("Iranian airline Mahan Air has been the subject of United States sanctions since 2011.");
  ASSERT_NE(event(a, "163", "USA"), nullptr);
  EXPECT_EQ(event(a, "163", "USA")->target_code, "IRNBUS");
}

// The remit of a title is no event: "the special envoy for Ukraine negotiations" negotiates
// nothing in the sentence.
TEST(NewsCoding, TheRemitOfATitleIsNoEvent) {
  Article a =
      code("Kurt Volker, the United States special envoy for Ukraine negotiations, resigned.");
  EXPECT_EQ(event(a, "04", "USAGOV"), nullptr);
}

// '"...", said X': the speaker is the actor after the verb, even when the parser hangs "said"
// on the quote's own clause (whose subject is inside the quote).
TEST(NewsCoding, InvertedAttributionAfterALongQuote) {
  Article a = code(
      "\"Nabil's murder is unacceptable and constitutes a terrible new blow to journalism in "
      "Yemen[...]  journalists are now favourite targets, regardless of the region they cover\", "
      "said Sabrina Bennoui of Reporters Without Borders.");
  ASSERT_FALSE(a.quotes.empty());
  ASSERT_GE(a.quotes[0].speaker_actor, 0);
  EXPECT_EQ(a.actors[static_cast<size_t>(a.quotes[0].speaker_actor)].name, "Sabrina Bennoui");
  // '..., argued X' with X read as the verb's object: the clause before is what X argued.
  Article b = code(
      "It is not for the Court to opine about the motivations, argued the government's lawyer, "
      "Richard Keen.");
  ASSERT_EQ(b.quotes.size(), 1u);
  EXPECT_EQ(b.view(b.quotes[0].span), "It is not for the Court to opine about the motivations");
  // "with officials saying this is ...": the copular clause read as the verb's object + oblique.
  Article c = code(
      "Germany banned Iranian airline Mahan Air, with officials saying this is for security "
      "reasons.");
  ASSERT_EQ(c.quotes.size(), 1u);
  EXPECT_EQ(c.view(c.quotes[0].span), "this is for security reasons");
}

// A civilian's title places the person in the article's state ("Voter Kitty Mak"), and "the
// protesters" refer back to a group, not to that one person.
TEST(NewsCoding, CiviliansByTitleAndPluralDescriptions) {
  Article a = code(
      "Hong Kong votes\n\nHong Kong voters turned out in record numbers. Voter Kitty Mak said "
      "the vote was a message. The protesters have marched since June.");
  EXPECT_EQ(code_of(a, "Voter Kitty Mak"), "HKGCVL");
  const Actor* protesters = actor_of(a, "The protesters");
  ASSERT_NE(protesters, nullptr);
  EXPECT_NE(protesters->type, "PER");
  EXPECT_EQ(protesters->code, "HKGCVL");
}

}  // namespace parley
