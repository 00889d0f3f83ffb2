//! The shared dialogue-act catalogue (`intents/*.yaml`): what an agent can do in a line.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{BiList, BiText};
use crate::content::yaml::Located;

/// A file under `intents/`: acts, language cues, or both.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActsFile {
    #[serde(default)]
    pub acts: Vec<Act>,
    pub language: Option<LanguageCues>,
    /// More example lines for acts defined elsewhere, keyed by act id: lines collected from
    /// real or practice calls, kept apart from the hand-written catalogue.
    #[serde(default)]
    pub examples: std::collections::BTreeMap<String, Located<BiList>>,
    /// More cue groups for acts defined elsewhere, keyed by act id: one language's cues can
    /// then live in their own file, apart from the other language's.
    #[serde(default)]
    pub cues: std::collections::BTreeMap<String, Located<Vec<CueGroup>>>,
    /// Named pattern slots, by name: a cue pattern writes `{name}` and every filler listed here
    /// (a regex fragment, per language) takes its place, so widening a slot widens every frame
    /// that uses it. Slots of the same name in several files add up.
    #[serde(default)]
    pub slots: std::collections::BTreeMap<String, Located<BiList>>,
    /// The scorer's word lists (distress, empathy, questions, amount qualifiers...); one file
    /// in the library carries them.
    pub scoring: Option<Located<super::ScoringCuesFile>>,
    /// The grader's explanations of its findings and not-applicable checks, by template id, in
    /// both languages, with `{placeholders}` for the figures and words it fills in.
    #[serde(default)]
    pub details: std::collections::BTreeMap<String, Located<BiText>>,
    /// The words those explanations fill in (figures, fees, who was listening), by id.
    #[serde(default)]
    pub detail_terms: std::collections::BTreeMap<String, Located<BiText>>,
    /// The debrief's headings and labels, by id, in both languages.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, Located<BiText>>,
    /// The briefing card's labels, by id, in both languages.
    #[serde(default)]
    pub briefing: std::collections::BTreeMap<String, Located<BiText>>,
    /// What the practice and exam sessions say around the call (help, hints, prompts), by id.
    #[serde(default)]
    pub practice: std::collections::BTreeMap<String, Located<BiText>>,
    /// The words around the records in certificates and cohort pages, by id.
    #[serde(default)]
    pub certificate: std::collections::BTreeMap<String, Located<BiText>>,
    /// What the command line says outside any one call (test results, listings, errors), by id.
    #[serde(default)]
    pub messages: std::collections::BTreeMap<String, Located<BiText>>,
    /// Why a call ended as it did (`outcome.reason`), by id, in both languages.
    #[serde(default)]
    pub outcomes: std::collections::BTreeMap<String, Located<BiText>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// snake_case id, unique across the catalogue; rubrics and personas refer to it.
    pub id: Located<String>,
    pub description: Located<BiText>,
    /// Present on the risky acts: the compliance category and default severity.
    pub risk: Option<Risk>,
    /// On a risky act: the compliant act a clause performs when it denies this risk with a
    /// negation ("nobody will arrest you", "欠款不会坐牢" explain a consequence).
    pub negated_as: Option<Located<String>>,
    /// On a compliant act: a line with a risk finding still performs it, for the persona and
    /// the rubric, but its report leaves it out, as the labelled lines do ("is this Dana, you
    /// deadbeat" is reported as the insult).
    pub unreported_beside_risk: Option<Located<bool>>,
    /// Acts beside which this one is performed but not reported: the other act makes the line
    /// what it is ("look into our hardship program, they can lower the payments" is the
    /// referral, not also a plan offered).
    #[serde(default)]
    pub unreported_beside: Vec<Located<String>>,
    /// Example lines per language; `{amount}`, `{date}`, `{count}`, `{duration}`, `{percent}`,
    /// `{phone}` and `{name}` stand for entities.
    #[serde(default)]
    pub examples: BiList,
    /// High-precision cues that decide the act without similarity.
    #[serde(default)]
    pub cues: Vec<CueGroup>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub category: Located<RiskCategory>,
    pub severity: Severity,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueGroup {
    /// Rule id reported with a finding (required on risky acts).
    pub rule: Option<Located<String>>,
    pub severity: Option<Severity>,
    /// Lower-case phrases; English ones match on word boundaries, Chinese ones as substrings.
    #[serde(default)]
    pub keywords: BiList,
    /// Regular expressions (Rust `regex` syntax) over the normalised, lower-cased line.
    #[serde(default)]
    pub patterns: BiList,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    JsonSchema,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

/// The forbidden-behaviour categories every rubric pack and finding uses.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    JsonSchema,
    serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskCategory {
    ThreatViolence,
    ThreatFalseLegal,
    AbusiveLanguage,
    Harassment,
    ThirdPartyDisclosure,
    Impersonation,
    FalseOrMisleading,
    PrivacyOverreach,
    ImproperPaymentRequest,
}

impl RiskCategory {
    pub const ALL: [RiskCategory; 9] = [
        RiskCategory::ThreatViolence,
        RiskCategory::ThreatFalseLegal,
        RiskCategory::AbusiveLanguage,
        RiskCategory::Harassment,
        RiskCategory::ThirdPartyDisclosure,
        RiskCategory::Impersonation,
        RiskCategory::FalseOrMisleading,
        RiskCategory::PrivacyOverreach,
        RiskCategory::ImproperPaymentRequest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RiskCategory::ThreatViolence => "threat_violence",
            RiskCategory::ThreatFalseLegal => "threat_false_legal",
            RiskCategory::AbusiveLanguage => "abusive_language",
            RiskCategory::Harassment => "harassment",
            RiskCategory::ThirdPartyDisclosure => "third_party_disclosure",
            RiskCategory::Impersonation => "impersonation",
            RiskCategory::FalseOrMisleading => "false_or_misleading",
            RiskCategory::PrivacyOverreach => "privacy_overreach",
            RiskCategory::ImproperPaymentRequest => "improper_payment_request",
        }
    }

    pub fn parse(s: &str) -> Option<RiskCategory> {
        RiskCategory::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// Words the analyser needs per language (negation, reassurance, clause breaks...).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageCues {
    #[serde(default)]
    pub negation: BiList,
    #[serde(default)]
    pub reassurance: BiList,
    #[serde(default)]
    pub quotation: BiList,
    /// A demand after a quoted worry ("就赶紧还", "so pay up"): the worry is then a lever, not
    /// the borrower's words being answered ("您担心孩子上学受影响就赶紧还" still says the
    /// children will suffer).
    #[serde(default)]
    pub quotation_levers: BiList,
    /// A frame after the risky words that calls them a scam ("…的都是诈骗", "is a scam"): the
    /// line warns the borrower about what others may ask ("任何要您转到个人账户的都是诈骗").
    #[serde(default)]
    pub warnings: BiList,
    /// Lines written as agents type them (names in capitals, amounts, dates, phone numbers),
    /// analysed with the catalogue's examples to prime the regex engines before a call: the
    /// examples are folded, with placeholders for entities, so they never show the extractors
    /// a capitalised name or a figure.
    #[serde(default)]
    pub priming: BiList,
    /// Agent lines labelled with every act they perform, for the act model
    /// (`src/understanding/act_model.rs`): an entry holds one line per labelled line, the act
    /// ids, a bar, then the line as typed (`greet right_party_check | hi is this Tom Becker`).
    #[serde(default)]
    pub labelled: BiList,
    #[serde(default)]
    pub clause_breaks: BiList,
    #[serde(default)]
    pub politeness: BiList,
    #[serde(default)]
    pub pressure: BiList,
    /// Markers that turn a negation into a condition ("if you don't pay...", "不还钱就..."):
    /// a negation preceded by one, or followed by one before the cue, does not cancel the cue.
    #[serde(default)]
    pub conditional: BiList,
    /// Negations that do not negate the cue after them: the borrower's not paying ("不还钱你的卡
    /// 就冻结", "欠钱不还的都是败类") and rhetorical forms ("没见过这么不要脸的", "don't make me").
    #[serde(default)]
    pub not_negating: BiList,
    /// Negated subjects whose reach is the whole clause, not a few words ("no one", "不会有人"):
    /// "no one from our office is ever going to arrest you".
    #[serde(default)]
    pub negation_wide: BiList,
    /// A new subject that ends a negated subject's reach ("we'll", "我们就"): "nobody can help
    /// you we'll have you arrested" still threatens.
    #[serde(default)]
    pub scope_breaks: BiList,
    /// Clause-breaking connectives a negation before them still reaches across: Chinese puts
    /// the reason between the negation and what it negates ("不会因为欠款坐牢").
    #[serde(default)]
    pub negation_carries: BiList,
    /// Words right after a name that ask the listener whether they are that person ("王海燕是吧",
    /// "is this Maria?"): the name is the listener's, not someone else's.
    #[serde(default)]
    pub addressed: BiList,
    /// Phrases that only frame how a line is said ("您放心", "honestly", "不好意思打扰了"): a
    /// clause of one of them and fillers is not an act of its own beside the line's other acts.
    #[serde(default)]
    pub frames: BiList,
    /// Markers that make a stated time a threshold ("超过90天", "once ur 120 days past due"): said
    /// in a false consequence, the time is not the account's overdue status.
    #[serde(default)]
    pub thresholds: BiList,
    /// Words that may stand around a frame phrase in such a clause ("这点您放心哈", "i just ...").
    #[serde(default)]
    pub frame_fillers: BiList,
    /// Who may answer for the borrower ("manager", "室友"): after a third-person possessive
    /// ("his manager", "他室友") they say the listener is not the borrower, so debt facts in
    /// that line are a disclosure to them ("is this his manager? Kevin has an overdue account").
    #[serde(default)]
    pub third_party_relations: BiList,
    /// The third-person possessives that go before them ("his", "her", "他", "他的").
    #[serde(default)]
    pub third_party_possessives: BiList,
    /// Words that speak of someone besides the listener ("he", "him", 她): with the relations
    /// above, a line without one (or a name) tells the listener only about themselves, so
    /// similarity alone does not call it a third-party disclosure.
    #[serde(default)]
    pub third_person: BiList,
    /// Phrases that check the line or ask the borrower to say something again ("can you hear
    /// me", "say that again", 听得到吗, 没听清): a clause holding one performs no act of the
    /// catalogue's, and a line of nothing else is unclear, a request to repeat.
    #[serde(default)]
    pub repair: BiList,
    /// Phrases that pass word to the borrower through the listener ("let him know", "转告他"):
    /// in a line that discloses the debt, such an ask is how it is told, not an ask for the
    /// borrower ("麻烦转告他，他的网贷逾期了" is the disclosure alone).
    #[serde(default)]
    pub relays: BiList,
    /// Words that ask the borrower to get in touch ("call", 回电): a relay with one still asks
    /// for the borrower ("tell him to call me back").
    #[serde(default)]
    pub call_backs: BiList,
}
