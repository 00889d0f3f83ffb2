//! Why a finding broke its rule, or why a check could not be judged, in the call's language.
//! The words are content (`details:` and `detail_terms:` in an `intents/` file); the grader
//! keeps only a template id and the values it fills, so a trainer rewords an explanation, or
//! reads it in Chinese, without Rust.

use std::collections::BTreeMap;

use crate::content::raw::GapText;
use crate::lang::Lang;
use crate::report::labels::Texts;

/// A closed set of template ids, each with the placeholders its text may use: the loader
/// refuses a library that lacks one of them, and a template naming a placeholder not listed.
macro_rules! template_ids {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $id:literal [$($p:literal),*],)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vdoc])* $variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The placeholders its template may use.
            pub fn placeholders(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($p),*],)* }
            }
        }
    };
}

template_ids! {
    /// The explanations the grader gives (`details:`).
    Why {
        MissingFact = "missing_fact" ["field"],
        MissingContext = "missing_context" ["field"],
        FactMismatch = "fact_mismatch" ["what", "stated", "actual"],
        DaysPastDueMismatch = "days_past_due_mismatch" ["stated", "actual"],
        DueDateMismatch = "due_date_mismatch" ["stated", "actual"],
        FeeNotAllowed = "fee_not_allowed" ["fee", "said"],
        FirstPaymentBelowMinimum = "first_payment_below_minimum" ["first", "minimum"],
        InstalmentsDoNotAddUp = "instalments_do_not_add_up" ["count", "each", "total", "balance"],
        SettlementBelowFloor = "settlement_below_floor" ["offer", "floor", "percent", "balance"],
        SettlementShareBelowFloor = "settlement_share_below_floor" ["share", "percent"],
        TooManyInstalments = "too_many_instalments" ["count", "max"],
        DeferralTooLong = "deferral_too_long" ["days", "max"],
        UntrueCreditReporting = "untrue_credit_reporting" ["said"],
        UntrueLawsuit = "untrue_lawsuit" ["said"],
        UntrueLawsuitTimeBarred = "untrue_lawsuit_time_barred" ["said"],
        UntrueRepossession = "untrue_repossession" ["said"],
        NotForAnswerer = "not_for_answerer" ["who", "answerer"],
        LaterCall = "later_call" [],
        NoDebtTalk = "no_debt_talk" [],
        DueAfterVerification = "due_after_verification" ["act"],
        LateAct = "late_act" ["act", "due", "turn"],
        MissingAct = "missing_act" ["act"],
        MissingActByTurn = "missing_act_by_turn" ["act", "due"],
        Order = "order" ["first", "act"],
        DebtContentTo = "debt_content_to" ["what", "listener"],
        Risk = "risk" ["category", "rule"],
        UncheckedAnswers = "unchecked_answers" [],
        GateFailed = "gate_failed" ["what"],
        GatePending = "gate_pending" ["what"],
        GateUnverified = "gate_unverified" ["what"],
        TriggerUnanswered = "trigger_unanswered" ["turn", "said", "acts"],
        AfterTrigger = "after_trigger" ["act", "turn", "said"],
        UnreadableTime = "unreadable_time" ["time"],
        OutsideHours = "outside_hours" ["time", "start", "end"],
        TooManyCallsWeek = "too_many_calls_week" ["count", "max"],
        TooManyCallsToday = "too_many_calls_today" ["count", "max"],
        PatternMatched = "pattern_matched" [],
        ShoutingCapitals = "shouting_capitals" ["upper", "letters"],
        ShoutingExclamations = "shouting_exclamations" [],
        ChineseOnly = "chinese_only" [],
        Courtesy = "courtesy" [],
        IgnoredDistress = "ignored_distress" ["turn", "said"],
        IgnoredQuestion = "ignored_question" ["turn", "said"],
        PressureWords = "pressure_words" ["said"],
        PlanTooManyInstalments = "plan_too_many_instalments" ["count", "max"],
        NoPaymentDate = "no_payment_date" [],
    }
}

template_ids! {
    /// The words the explanations fill in (`detail_terms:`): figures, fees, who was listening.
    Term {
        Balance = "balance" [],
        Interest = "interest" [],
        Principal = "principal" [],
        MinimumPayment = "minimum_payment" [],
        LateFee = "late_fee" [],
        PenaltyInterest = "penalty_interest" [],
        AnnualFee = "annual_fee" [],
        CollectionFee = "collection_fee" [],
        ProcessingFee = "processing_fee" [],
        AnswererBorrower = "answerer_borrower" [],
        AnswererThirdParty = "answerer_third_party" [],
        AnswererImpostor = "answerer_impostor" [],
        ListenerThirdParty = "listener_third_party" [],
        ListenerImpostor = "listener_impostor" [],
        ListenerVerified = "listener_verified" [],
        ListenerUnverified = "listener_unverified" [],
        /// Between the last two of several alternatives: " or ", "或".
        Or = "or" [],
        /// Between the items of a list: ", ", "、".
        ListSeparator = "list_separator" [],
        /// The risky categories, by their ids (`RiskCategory::name`).
        ThreatViolence = "threat_violence" [],
        ThreatFalseLegal = "threat_false_legal" [],
        AbusiveLanguage = "abusive_language" [],
        Harassment = "harassment" [],
        ThirdPartyDisclosure = "third_party_disclosure" [],
        Impersonation = "impersonation" [],
        FalseOrMisleading = "false_or_misleading" [],
        PrivacyOverreach = "privacy_overreach" [],
        ImproperPaymentRequest = "improper_payment_request" [],
    }
}

impl Term {
    /// How a risky category is named in an explanation.
    pub fn category(c: crate::content::raw::RiskCategory) -> Term {
        use crate::content::raw::RiskCategory as C;
        match c {
            C::ThreatViolence => Term::ThreatViolence,
            C::ThreatFalseLegal => Term::ThreatFalseLegal,
            C::AbusiveLanguage => Term::AbusiveLanguage,
            C::Harassment => Term::Harassment,
            C::ThirdPartyDisclosure => Term::ThirdPartyDisclosure,
            C::Impersonation => Term::Impersonation,
            C::FalseOrMisleading => Term::FalseOrMisleading,
            C::PrivacyOverreach => Term::PrivacyOverreach,
            C::ImproperPaymentRequest => Term::ImproperPaymentRequest,
        }
    }

    pub fn answerer(a: crate::content::raw::Answerer) -> Term {
        use crate::content::raw::Answerer;
        match a {
            Answerer::Borrower => Term::AnswererBorrower,
            Answerer::ThirdParty => Term::AnswererThirdParty,
            Answerer::Impostor => Term::AnswererImpostor,
        }
    }

    /// The term with this id (a fee kind as the scorer's cues name it: `late_fee`...).
    pub fn by_id(id: &str) -> Option<Term> {
        Term::ALL.iter().copied().find(|t| t.id() == id)
    }
}

/// One value an explanation fills in; how it reads depends on the call's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// As it is: the agent's words, an act or rule id, a time of day.
    Text(String),
    /// An amount of money: grouped, two decimals ("6,240.18").
    Figure(f64),
    /// A whole number: a count, a turn, days.
    Count(f64),
    /// A word from `detail_terms:`.
    Term(Term),
    /// A date: "September 30" / "9月30日", with the year when `year`.
    Date { date: jiff::civil::Date, year: bool },
    /// Identifiers joined by the list separator.
    List(Vec<String>),
    /// Terms as alternatives: "a third party or someone posing as the borrower".
    Either(Vec<Term>),
}

/// An explanation before it is put into words: the template and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub why: Why,
    pub values: Vec<(&'static str, Value)>,
}

impl Detail {
    pub fn new(why: Why) -> Detail {
        Detail {
            why,
            values: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: Value) -> Detail {
        debug_assert!(
            self.why.placeholders().contains(&name),
            "`{name}` is not a placeholder of `{}`",
            self.why.id()
        );
        self.values.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Detail {
        self.with(name, Value::Text(value.into()))
    }

    pub fn figure(self, name: &'static str, value: f64) -> Detail {
        self.with(name, Value::Figure(value))
    }

    pub fn count(self, name: &'static str, value: impl Into<f64>) -> Detail {
        self.with(name, Value::Count(value.into()))
    }

    pub fn term(self, name: &'static str, term: Term) -> Detail {
        self.with(name, Value::Term(term))
    }
}

impl From<Why> for Detail {
    fn from(why: Why) -> Detail {
        Detail::new(why)
    }
}

/// The library's explanation templates and terms, and the interface's words, checked at load
/// (every id present, both languages, known placeholders only).
#[derive(Debug, Clone, Default)]
pub struct Explanations {
    pub details: BTreeMap<String, GapText>,
    pub terms: BTreeMap<String, GapText>,
    /// The debrief's headings and labels, fail reasons and verification checks (`labels:`),
    /// by the ids in `report::debrief::LABELS`.
    pub labels: Texts,
    /// The briefing card's labels (`briefing:`), by the ids in `report::briefing::LABELS`.
    pub briefing: Texts,
    /// What the practice and exam sessions say (`practice:`), by the ids in `repl::texts::IDS`.
    pub practice: Texts,
    /// The certificate's and cohort page's words (`certificate:`), by the ids in
    /// `certification::view::LABELS`.
    pub certificate: Texts,
    /// What the command line says outside any one call (`messages:`), by the ids in
    /// `report::messages::IDS`.
    pub messages: Texts,
    /// Why a call ended as it did (`outcomes:`), by the ids in `call::outcome::REASONS`.
    pub outcomes: Texts,
}

impl Explanations {
    /// The explanation in `lang`. A library that passed the loader has every template; were one
    /// missing, the id and values are shown rather than nothing.
    pub fn render(&self, detail: &Detail, lang: Lang) -> String {
        let Some(template) = self.details.get(detail.why.id()) else {
            let values: Vec<String> = detail
                .values
                .iter()
                .map(|(k, v)| format!("{k}={}", self.value(v, lang)))
                .collect();
            return format!("{}({})", detail.why.id(), values.join(", "));
        };
        fill(template.get(lang), |name| {
            detail
                .values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| self.value(v, lang))
        })
    }

    fn term(&self, term: Term, lang: Lang) -> String {
        self.terms
            .get(term.id())
            .map_or_else(|| term.id().to_string(), |t| t.get(lang).to_string())
    }

    fn value(&self, value: &Value, lang: Lang) -> String {
        match value {
            Value::Text(s) => s.clone(),
            Value::Figure(x) => crate::report::labels::figure(*x),
            Value::Count(x) => format!("{x:.0}"),
            Value::Term(t) => self.term(*t, lang),
            Value::Date { date, year } => say_date(*date, *year, lang),
            Value::List(items) => items.join(&self.term(Term::ListSeparator, lang)),
            Value::Either(terms) => {
                let words: Vec<String> = terms.iter().map(|t| self.term(*t, lang)).collect();
                match words.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!(
                        "{}{}{last}",
                        rest.join(&self.term(Term::ListSeparator, lang)),
                        self.term(Term::Or, lang)
                    ),
                    _ => words.concat(),
                }
            }
        }
    }
}

/// A date as said in `lang`: "September 30" / "9月30日", with the year when `year`.
pub fn say_date(date: jiff::civil::Date, year: bool, lang: Lang) -> String {
    match (lang, year) {
        (Lang::En, false) => format!("{} {}", date.strftime("%B"), date.day()),
        (Lang::En, true) => format!("{} {}, {}", date.strftime("%B"), date.day(), date.year()),
        (Lang::Zh, false) => format!("{}月{}日", date.month(), date.day()),
        (Lang::Zh, true) => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// `template` with each `{name}` replaced by `value(name)`; a name without a value stays as
/// written, so a gap shows instead of vanishing.
pub fn fill(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            // Validation reports an unclosed brace; show the text as written.
            out.push_str(&rest[start..]);
            return out;
        };
        match value(&after[..end]) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Explanations {
        let text = |en: &str, zh: &str| GapText {
            en: en.into(),
            zh: zh.into(),
        };
        Explanations {
            details: BTreeMap::from([
                (
                    "fact_mismatch".to_string(),
                    text(
                        "stated {what} {stated}; the account says {actual}",
                        "所述{what} {stated}；账户记录为 {actual}",
                    ),
                ),
                (
                    "not_for_answerer".to_string(),
                    text(
                        "applies when {who} is on the line; here it was {answerer}",
                        "仅在{who}接听时适用；本次接听的是{answerer}",
                    ),
                ),
            ]),
            terms: BTreeMap::from([
                ("balance".to_string(), text("balance", "余额")),
                (
                    "answerer_borrower".to_string(),
                    text("the borrower", "借款人本人"),
                ),
                (
                    "answerer_third_party".to_string(),
                    text("a third party", "第三方"),
                ),
                (
                    "answerer_impostor".to_string(),
                    text("an impostor", "冒充者"),
                ),
                ("or".to_string(), text(" or ", "或")),
                ("list_separator".to_string(), text(", ", "、")),
            ]),
            ..Explanations::default()
        }
    }

    #[test]
    fn figures_and_words_read_in_the_calls_language() {
        let d = Detail::new(Why::FactMismatch)
            .term("what", Term::Balance)
            .figure("stated", 6240.18)
            .figure("actual", 6240.2);
        let lib = library();
        assert_eq!(
            lib.render(&d, Lang::En),
            "stated balance 6,240.18; the account says 6,240.20"
        );
        assert_eq!(
            lib.render(&d, Lang::Zh),
            "所述余额 6,240.18；账户记录为 6,240.20"
        );
    }

    #[test]
    fn alternatives_are_joined_in_each_language() {
        let d = Detail::new(Why::NotForAnswerer)
            .with(
                "who",
                Value::Either(vec![Term::AnswererThirdParty, Term::AnswererImpostor]),
            )
            .term("answerer", Term::AnswererBorrower);
        let lib = library();
        assert_eq!(
            lib.render(&d, Lang::En),
            "applies when a third party or an impostor is on the line; here it was the borrower"
        );
        assert_eq!(
            lib.render(&d, Lang::Zh),
            "仅在第三方或冒充者接听时适用；本次接听的是借款人本人"
        );
    }

    #[test]
    fn a_missing_template_shows_its_id_and_values() {
        let d = Detail::new(Why::LateAct).text("act", "identify_self");
        assert_eq!(
            Explanations::default().render(&d, Lang::Zh),
            "late_act(act=identify_self)"
        );
    }

    #[test]
    fn every_fee_kind_has_a_term() {
        for kind in crate::scoring::cues::FEE_KINDS {
            assert!(Term::by_id(kind).is_some(), "{kind}");
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = Why::ALL.iter().map(|w| w.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Why::ALL.len());
        let mut terms: Vec<&str> = Term::ALL.iter().map(|t| t.id()).collect();
        terms.sort_unstable();
        terms.dedup();
        assert_eq!(terms.len(), Term::ALL.len());
    }
}
