//! A practice call: who answers, the account the agent is given, what is true, the policy.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::persona::PersonaOverrides;
use crate::content::yaml::Located;
use crate::lang::Lang;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique id, lower-case with dashes: `en-willing-card`.
    pub id: Located<String>,
    pub title: Located<String>,
    /// The language the call is held in; every text in the file is in it.
    pub lang: Lang,
    /// The persona kind (a file under `personas/`): informed, willing, delinquent, refusing,
    /// emotional, fraudulent.
    pub kind: Located<String>,
    #[serde(default)]
    pub difficulty: Difficulty,
    /// Who picks up the phone.
    pub answerer: Answerer,
    /// The rubric pack the call is graded with (a file under `rubrics/`).
    pub rubric: Located<String>,
    pub persona: ScenarioPersona,
    /// Required when `answerer` is `third_party`.
    pub third_party: Option<ThirdParty>,
    pub account: Account,
    pub consequences: Consequences,
    pub policy: Policy,
    /// What a verification may ask for, as the account records it.
    pub identity: Identity,
    pub context: CallContext,
    /// What the agent reads before dialling.
    pub briefing: Located<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Scenario {
    /// The names a call's lines may hold: the borrower's, how to address them, and the name of
    /// whoever else answers.
    pub fn names(&self) -> Vec<&str> {
        let mut names = vec![
            self.persona.name.value.as_str(),
            self.persona.address_as.as_str(),
        ];
        names.extend(self.third_party.as_ref().map(|t| t.name.as_str()));
        names
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    #[default]
    Normal,
    Hard,
}

impl Difficulty {
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answerer {
    Borrower,
    ThirdParty,
    Impostor,
}

impl Answerer {
    pub fn name(self) -> &'static str {
        match self {
            Answerer::Borrower => "borrower",
            Answerer::ThirdParty => "third_party",
            Answerer::Impostor => "impostor",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPersona {
    /// The borrower's full name as the account records it.
    pub name: Located<String>,
    /// How to address them politely: `Mr. Reyes`, `王先生`.
    pub address_as: String,
    pub age: Option<u32>,
    /// Who they are and why they are behind, in a few sentences (hidden from the agent).
    pub backstory: String,
    /// What they can really pay (hidden from the agent).
    pub capacity: Capacity,
    /// Hardship facts they may reveal when treated well, in their own voice ("I lost my job in
    /// August"), since the persona says them as they are.
    #[serde(default)]
    pub hardship: Vec<String>,
    /// What this person answers when asked to verify; defaults to the account's identity.
    /// An impostor's answers differ from `identity`.
    pub answers: Option<IdentityAnswers>,
    /// Changes to the kind's behaviour for this scenario only.
    pub overrides: Option<PersonaOverrides>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Lump sum available now.
    pub now: f64,
    /// Sustainable monthly payment.
    pub monthly: f64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThirdParty {
    pub relation: Relation,
    /// How they describe themselves in the call's language: `his wife`, `他妈妈`.
    pub relation_label: Option<String>,
    pub name: String,
    /// Persona kind for the answerer (default `third_party`).
    pub kind: Option<Located<String>>,
    /// When the borrower can be reached, as the third party would say it.
    pub borrower_available: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Spouse,
    Parent,
    Child,
    Sibling,
    Colleague,
    Roommate,
    Friend,
}

impl Relation {
    pub const ALL: [Relation; 7] = [
        Relation::Spouse,
        Relation::Parent,
        Relation::Child,
        Relation::Sibling,
        Relation::Colleague,
        Relation::Roommate,
        Relation::Friend,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::Spouse => "spouse",
            Relation::Parent => "parent",
            Relation::Child => "child",
            Relation::Sibling => "sibling",
            Relation::Colleague => "colleague",
            Relation::Roommate => "roommate",
            Relation::Friend => "friend",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub creditor: String,
    /// The collecting agency the agent works for.
    pub agency: String,
    pub product: Product,
    /// Last digits of the account or card, as said on the phone.
    pub reference: Option<String>,
    pub principal: Located<f64>,
    pub interest: Located<f64>,
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Must equal principal + interest + fees.
    pub balance: Located<f64>,
    pub currency: Currency,
    /// `YYYY-MM-DD`.
    pub due_date: Located<String>,
    /// Must match `due_date` and `context.date`.
    pub days_past_due: Located<u32>,
    pub minimum_payment: Option<Located<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    CreditCard,
    ConsumerLoan,
    OnlineLoan,
    CarLoan,
    PersonalLoan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Currency {
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "GBP")]
    Gbp,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
            Currency::Gbp => "GBP",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub kind: Located<FeeKind>,
    pub amount: f64,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    LateFee,
    PenaltyInterest,
    AnnualFee,
    CollectionFee,
    ProcessingFee,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consequences {
    /// The creditor reports this account to the credit bureau (征信).
    pub credit_reporting: bool,
    /// The creditor has authorised a lawsuit.
    pub lawsuit_authorized: bool,
    /// The debt is past its limitation period: no suit may be threatened.
    #[serde(default)]
    pub time_barred: bool,
    /// Secured debt with a present right to repossess (car loans).
    #[serde(default)]
    pub repossession_right: bool,
    /// Fees the contract allows; any other fee stated is a false statement.
    #[serde(default)]
    pub authorized_fees: Vec<Located<FeeKind>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub max_instalments: Located<u32>,
    pub min_first_payment: Located<f64>,
    /// Lowest lump-sum settlement accepted, as a share of the balance (0.6 = 60%).
    pub settlement_floor: Located<f64>,
    #[serde(default)]
    pub waivable_fees: Vec<Located<FeeKind>>,
    /// Longest deferral the creditor allows, in days.
    #[serde(default)]
    pub max_deferral_days: u32,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// `YYYY-MM-DD`.
    pub dob: Located<String>,
    /// Last four digits of the SSN or national ID.
    pub id_last4: Located<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityAnswers {
    pub name: Option<String>,
    pub dob: Option<String>,
    pub id_last4: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallContext {
    /// The call's date, `YYYY-MM-DD` (the default `--now`).
    pub date: Located<String>,
    /// Local time at the borrower's location, `HH:MM`.
    pub local_time: Located<String>,
    /// Optional; checked against `date` when given.
    pub weekday: Option<Located<String>>,
    /// Where the borrower lives (`US-CA`, `CN-GD`), for the time-window rules.
    pub region: Option<String>,
    pub first_contact: bool,
    /// Which attempt on this account this call is (1 = first).
    pub attempt: u32,
    pub calls_last_7_days: u32,
    #[serde(default)]
    pub calls_today: u32,
}
