//! The call engine: one agent line in, the persona's reply out, the transcript kept. Every
//! random choice comes from one seeded ChaCha stream, every date from the injected clock.

use jiff::civil::DateTime;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::replies::{self, Slots};
use super::resolved::ResolvedPersona;
use super::situation::{self, Ctx};
use super::state::{CallState, Dispute};
use crate::call::{Outcome, OutcomeKind, Speaker, Transcript, Turn};
use crate::content::ContentPack;
use crate::content::raw::{Answerer, Scenario, Situation};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::labels::{Texts, money};
use crate::understanding::{Analysis, Analyzer};

pub struct Engine<'a> {
    analyzer: &'a Analyzer,
    pub scenario: &'a Scenario,
    pub persona: ResolvedPersona,
    pub lang: Lang,
    pub now: DateTime,
    pub seed: u64,
    rng: ChaCha8Rng,
    pub state: CallState,
    pub transcript: Transcript,
    speaker: Speaker,
    /// The outcome reasons (`outcomes:`), said in the call's language.
    reasons: &'a Texts,
    /// The slots that hold for the whole call (names, figures), formatted once: formatting the
    /// figures was about 5% of a turn.
    fixed_slots: Slots,
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub text: String,
    pub situation: Situation,
    pub mood: i32,
    pub ended: Option<Outcome>,
    /// What the agent's line was understood as (absent for the opening).
    pub analysis: Option<Analysis>,
}

impl<'a> Engine<'a> {
    pub fn new(
        pack: &'a ContentPack,
        analyzer: &'a Analyzer,
        scenario: &'a Scenario,
        seed: u64,
        now: DateTime,
    ) -> Result<Engine<'a>, Error> {
        let persona = ResolvedPersona::for_scenario(pack, scenario)?;
        let state = CallState::new(
            persona.start_mood,
            persona.start_trust,
            persona.start_willingness,
            persona.start_patience,
            persona.traits.objections,
        );
        let speaker = if scenario.answerer == Answerer::ThirdParty {
            Speaker::ThirdParty
        } else {
            Speaker::Borrower
        };
        let fixed_slots = fixed_slots(scenario, &persona);
        Ok(Engine {
            fixed_slots,
            analyzer,
            scenario,
            lang: scenario.lang,
            now,
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            state,
            transcript: Transcript {
                lang: scenario.lang,
                rubric: Some(scenario.rubric.value.clone()),
                scenario: Some(scenario.id.value.clone()),
                account: None,
                identity: None,
                context: None,
                seed: Some(seed),
                now: Some(now.to_string()),
                turns: Vec::new(),
                outcome: None,
            },
            persona,
            speaker,
            reasons: &pack.explanations.outcomes,
        })
    }

    pub fn ended(&self) -> Option<&Outcome> {
        self.state.ended.as_ref()
    }

    /// The persona picks up the phone.
    pub fn open(&mut self) -> Reply {
        let mut slots = self.base_slots();
        self.say(Situation::Opening, &mut slots, None)
    }

    /// The agent says `line`; the persona answers.
    pub fn respond(&mut self, line: &str) -> Reply {
        if let Some(outcome) = self.state.ended.clone() {
            return Reply {
                text: String::new(),
                situation: Situation::HangsUp,
                mood: self.state.mood,
                ended: Some(outcome),
                analysis: None,
            };
        }
        self.state.turn += 1;
        self.state.agent_turns += 1;
        self.transcript.turns.push(Turn::agent(line));
        let analysis = self.analyzer.analyze(line, self.lang, self.now);
        let mut slots = self.base_slots();
        let ctx = Ctx {
            scenario: self.scenario,
            persona: &self.persona,
            lang: self.lang,
        };
        let mut situation =
            situation::decide(&ctx, &analysis, &mut self.state, &mut slots, &mut self.rng);
        // "Sorry, you cut out, say that again?": the borrower says again what they last said.
        if situation == Situation::Unclear && analysis.repair {
            let repeated = situation_name(Situation::Repeats);
            // What they said, not a repeat of it ("I said, I said, ...").
            if let Some(before) =
                self.transcript.turns.iter().rev().skip(1).find(|t| {
                    t.speaker != Speaker::Agent && t.situation.as_ref() != Some(&repeated)
                })
            {
                slots.insert("said_before", before.text.clone());
                situation = Situation::Repeats;
            }
        }
        self.react(&analysis);
        for act in analysis.acts.iter().map(|h| h.act.clone()) {
            *self.state.act_counts.entry(act).or_default() += 1;
        }
        let p = &self.persona;
        // The agent's own goodbye ends the call as the agent's close, not as a hang-up.
        if situation != Situation::Closing
            && (self.state.mood <= p.hang_up_mood
                || (p.hang_up_on_no_patience && self.state.patience == 0))
        {
            situation = Situation::HangsUp;
        }
        let mut reply = self.say(situation, &mut slots, Some(analysis));
        if reply.ended.is_none() && self.state.agent_turns >= self.persona.max_turns {
            let outcome = self.outcome_at_end(OutcomeKind::NoAgreement, "out_of_time");
            self.finish(outcome.clone());
            reply.ended = Some(outcome);
        }
        reply
    }

    /// The agent ends the call (`/end`, Ctrl-C, or the script runs out).
    pub fn end_by_agent(&mut self) -> Outcome {
        if let Some(o) = &self.state.ended {
            return o.clone();
        }
        let outcome = self.close_outcome(true);
        self.finish(outcome.clone());
        outcome
    }

    fn react(&mut self, a: &Analysis) {
        let anger = self.persona.anger;
        let mut keys: Vec<String> = a.acts.iter().map(|h| h.act.clone()).collect();
        for f in &a.findings {
            let k = f.category.name().to_string();
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        // Not hearing the line is nobody's fault: only a line that made no sense tries patience.
        if a.unclear && !a.repair {
            keys.push(crate::understanding::UNCLEAR.to_string());
        }
        // Debt talk to a third party is a disclosure, whatever the analyser called it.
        if self.scenario.answerer == Answerer::ThirdParty
            && situation::DEBT_CONTENT.iter().any(|x| a.has_act(x))
            && !keys.iter().any(|k| k == "third_party_disclosure")
        {
            keys.push("third_party_disclosure".to_string());
        }
        for k in keys {
            if let Some(d) = self.persona.reactions.get(&k).copied() {
                self.state.apply(&d, anger);
            }
        }
    }

    fn say(
        &mut self,
        situation: Situation,
        slots: &mut Slots,
        analysis: Option<Analysis>,
    ) -> Reply {
        let chosen = [situation, Situation::Filler, Situation::Unclear]
            .into_iter()
            .find_map(|s| {
                replies::choose(
                    &self.persona,
                    s,
                    self.lang,
                    &mut self.state,
                    slots,
                    &mut self.rng,
                )
            });
        let text = chosen
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_else(|| "…".to_string());
        if let Some(effects) = chosen.as_ref().and_then(|c| c.effects) {
            self.state.apply(&effects, self.persona.anger);
        }
        if situation == Situation::ExplainsReason {
            self.state.hardship_told += 1;
        }
        let ended = match situation {
            Situation::HangsUp => Some(self.outcome_at_end(OutcomeKind::HungUp, "hung_up")),
            Situation::Closing => Some(self.close_outcome(false)),
            _ => None,
        };
        self.state.turn += 1;
        self.state.mood_timeline.push(self.state.mood);
        self.transcript.turns.push(Turn {
            speaker: self.speaker,
            text: text.clone(),
            mood: Some(self.state.mood),
            situation: Some(situation_name(situation)),
        });
        if let Some(o) = &ended {
            self.finish(o.clone());
        }
        Reply {
            text,
            situation,
            mood: self.state.mood,
            ended,
            analysis,
        }
    }

    fn finish(&mut self, outcome: Outcome) {
        self.transcript.outcome = Some(outcome.clone());
        self.state.ended = Some(outcome);
    }

    /// The outcome with the reason `id` (an id of `outcomes:`) in the call's language.
    fn outcome_at_end(&self, kind: OutcomeKind, id: &str) -> Outcome {
        Outcome {
            kind,
            reason: self.reasons.get(id, self.lang).to_string(),
            promise: self.state.promise.clone(),
        }
    }

    /// How the call ends when the agent closes it, from what happened.
    fn close_outcome(&self, abrupt: bool) -> Outcome {
        let st = &self.state;
        let (kind, reason) = if self.scenario.answerer == Answerer::ThirdParty {
            if st.disclosed_unverified {
                (OutcomeKind::ThirdPartyClosed, "third_party_told")
            } else {
                (OutcomeKind::ThirdPartyClosed, "third_party_not_told")
            }
        } else if self.persona.traits.impostor {
            if st.disclosed_unverified {
                (OutcomeKind::AgentEnded, "impostor_told")
            } else {
                (OutcomeKind::FraudDetected, "impostor_refused")
            }
        } else if let Some(p) = &st.promise {
            if p.instalments.is_some_and(|n| n > 1) {
                (OutcomeKind::PlanAgreed, "plan_agreed")
            } else {
                (OutcomeKind::PromiseToPay, "promise_to_pay")
            }
        } else if st.dispute == Dispute::Acknowledged {
            (OutcomeKind::DisputeLogged, "dispute_logged")
        } else if st.callback.is_some() {
            (OutcomeKind::CallbackScheduled, "callback_scheduled")
        } else if abrupt {
            (OutcomeKind::NoAgreement, "ended_abruptly")
        } else {
            (OutcomeKind::AgentEnded, "agent_ended")
        };
        self.outcome_at_end(kind, reason)
    }

    fn base_slots(&self) -> Slots {
        let s = self.scenario;
        let cur = s.account.currency.code();
        let mut slots = self.fixed_slots.clone();
        if !s.persona.hardship.is_empty() {
            let i = self.state.hardship_told % s.persona.hardship.len();
            slots.insert("hardship", s.persona.hardship[i].clone());
        }
        if let Some(c) = &self.state.callback {
            slots.insert("callback", c.clone());
        }
        if let Some(c) = self.state.counter {
            slots.insert("counter_amount", money(c, cur));
        }
        slots
    }
}

/// The slots that do not change during a call.
fn fixed_slots(s: &Scenario, persona: &ResolvedPersona) -> Slots {
    let cur = s.account.currency.code();
    let mut slots = Slots::new();
    let own_name = match (&s.third_party, s.answerer) {
        (Some(tp), Answerer::ThirdParty) => tp.name.clone(),
        _ => s.persona.name.value.clone(),
    };
    slots.insert("name", own_name);
    slots.insert("agency", s.account.agency.clone());
    slots.insert("creditor", s.account.creditor.clone());
    slots.insert("balance", money(s.account.balance.value, cur));
    slots.insert("monthly", money(s.persona.capacity.monthly, cur));
    slots.insert("capacity_now", money(s.persona.capacity.now, cur));
    slots.insert("borrower_name", s.persona.name.value.clone());
    if let Some(tp) = &s.third_party {
        slots.insert(
            "relation",
            tp.relation_label.clone().unwrap_or_else(|| {
                persona
                    .relations
                    .get(&tp.relation)
                    .map_or(tp.relation.name(), |t| t.text(s.lang))
                    .to_string()
            }),
        );
        if let Some(a) = &tp.borrower_available {
            slots.insert("borrower_available", a.clone());
        }
    }
    slots
}

pub fn situation_name(s: Situation) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
