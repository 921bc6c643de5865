//! Believable clinical prose for the generated ten-year practice: session notes, addenda and
//! integration reflections of about the length she writes, put together from a few hundred
//! sentence templates with the partners' names, techniques, feelings and body sensations, so
//! that search and storage are measured on text that looks like hers (varied words, shared
//! prefixes, names in the text) rather than on repeated filler. Deterministic: the same seed
//! gives the same words.

/// A small deterministic generator (SplitMix64): the fixture needs variety, not secrecy.
pub struct Words(u64);

impl Words {
    pub fn new(seed: u64) -> Self {
        Words(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }

    /// One sentence: a template with its slots filled.
    fn sentence(&mut self, templates: &[&str], a: &str, b: &str) -> String {
        let mut out = String::new();
        let template = self.pick(templates);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').unwrap_or(0);
            out.push_str(match &rest[open + 1..close] {
                "a" => a,
                "b" => b,
                "technique" => self.pick(TECHNIQUES),
                "feeling" => self.pick(FEELINGS),
                "body" => self.pick(BODY),
                "theme" => self.pick(THEMES),
                "image" => self.pick(IMAGES),
                "step" => self.pick(STEPS),
                _ => "",
            });
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Sentences from `templates` until the text is about `chars` long.
    pub fn paragraph(&mut self, templates: &[&str], a: &str, b: &str, chars: usize) -> String {
        let mut text = String::with_capacity(chars + 200);
        while text.len() < chars {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&self.sentence(templates, a, b));
        }
        text
    }

    /// A couples session's note fields (presentation, interventions, risk, plan), about
    /// 2 KB in all, as JSON.
    pub fn note(&mut self, a: &str, b: &str) -> String {
        let fields = [
            ("interventions", self.paragraph(INTERVENTIONS, a, b, 700)),
            ("plan", self.paragraph(PLANS, a, b, 300)),
            ("presentation", self.paragraph(PRESENTATIONS, a, b, 800)),
            ("risk", self.paragraph(RISKS, a, b, 160)),
        ];
        let map: std::collections::BTreeMap<&str, String> = fields.into_iter().collect();
        serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
    }

    /// A dated addendum's text.
    pub fn addendum(&mut self, a: &str, b: &str) -> String {
        self.paragraph(ADDENDA, a, b, 350)
    }

    /// A partner's reflection after a dosing: what emerged, emotions, body, commitments,
    /// questions.
    pub fn reflection(&mut self, me: &str, partner: &str) -> [String; 5] {
        [
            self.paragraph(EMERGED, me, partner, 500),
            self.paragraph(EMOTIONS, me, partner, 200),
            self.paragraph(SOMATIC, me, partner, 200),
            self.paragraph(COMMITMENTS, me, partner, 200),
            self.paragraph(QUESTIONS, me, partner, 150),
        ]
    }
}

const TECHNIQUES: &[&str] = &[
    "an EFT enactment",
    "EMDR-based resourcing",
    "somatic grounding",
    "psychoeducation on the attachment cycle",
    "a reflective listening exercise",
    "bilateral tapping",
    "a guided body scan",
    "the speaker-listener technique",
    "a soft start-up rehearsal",
    "tracking the negative cycle",
    "a repair conversation",
    "paced breathing",
    "a parts dialogue",
    "boundary mapping",
    "a gratitude ritual",
    "the window of tolerance diagram",
    "slowing down and reflecting the primary emotion",
    "a containment visualisation",
];
const FEELINGS: &[&str] = &[
    "grief",
    "relief",
    "shame",
    "tenderness",
    "anger",
    "fear of abandonment",
    "loneliness",
    "hope",
    "resentment",
    "curiosity",
    "overwhelm",
    "warmth",
    "guilt",
    "longing",
    "protectiveness",
    "exhaustion",
    "calm",
    "frustration",
    "joy",
    "anxiety",
];
const BODY: &[&str] = &[
    "tightness in the chest",
    "a knot in the stomach",
    "warmth spreading through the arms",
    "heaviness in the shoulders",
    "a lump in the throat",
    "tingling in the hands",
    "a settled belly",
    "a clenched jaw",
    "shallow breathing",
    "looseness in the hips",
    "pressure behind the eyes",
    "a quickened heartbeat",
];
const THEMES: &[&str] = &[
    "household labour",
    "intimacy and sexuality",
    "parenting differences",
    "money and spending",
    "time with extended family",
    "the affair disclosure",
    "work stress",
    "trust after the move",
    "boundaries with friends",
    "the pursue-withdraw pattern",
    "childhood attachment wounds",
    "grief over the pregnancy loss",
    "career changes",
    "substance use in the family of origin",
    "feeling unseen",
    "conflict about screens at night",
];
const IMAGES: &[&str] = &[
    "a lighthouse in fog",
    "an open field",
    "their grandmother's kitchen",
    "a river carrying leaves",
    "a child waiting at a window",
    "a door slowly opening",
    "warm sand under the feet",
    "a forest after rain",
    "two hands on a table",
];
const STEPS: &[&str] = &[
    "the next preparation session",
    "the integration session on the following day",
    "a check-in next week",
    "the PHQ-9 and GAD-7 at the next visit",
    "the CSI-16 at the end of the month",
    "a review of the treatment plan",
    "an individual session for each partner",
    "the second dosing session",
];
const PRESENTATIONS: &[&str] = &[
    "{a} and {b} arrived on time and sat close together.",
    "{a} arrived first; {b} joined five minutes later, apologising for traffic.",
    "{a} described a week of {feeling} around {theme}.",
    "{b} reported {feeling} after an argument about {theme}.",
    "Both partners named {theme} as the week's main stressor.",
    "{a} said the homework felt easier than expected, with moments of {feeling}.",
    "{b} appeared tired and noted {body} when the topic of {theme} came up.",
    "{a} reported sleeping better and less {feeling} in the mornings.",
    "{b} shared that {feeling} surfaced during a visit with family.",
    "The couple described one repair attempt that worked and one that did not.",
    "{a} spoke quickly and interrupted twice; {b} grew quiet and looked away.",
    "{b} brought a written list of what had changed since the last session.",
    "{a} cried briefly when describing {theme}, then settled.",
    "Affect was congruent; {a} was tearful at times, {b} warm and attentive.",
    "{b} reported moments of {feeling} and {feeling} during the week.",
    "They reported two calm evenings and one escalation about {theme}.",
    "{a} noticed {body} before conflicts and named it out loud once.",
    "{b} described the pursue-withdraw cycle in their own words.",
];
const INTERVENTIONS: &[&str] = &[
    "Used {technique} to slow the exchange when {a} escalated.",
    "Introduced {technique}; {b} engaged readily and {a} with some hesitation.",
    "Practised {technique} around {theme}, with each partner reflecting the other's {feeling}.",
    "Guided {a} through {technique} while {b} witnessed.",
    "Returned to {technique} when {b} reported {body}.",
    "Reframed the conflict about {theme} as the cycle, not either partner.",
    "Offered psychoeducation on how {feeling} drives protest behaviour.",
    "Invited {b} to turn toward {a} and share the {feeling} underneath the anger.",
    "Used the image of {image} as a resource before approaching {theme}.",
    "Validated both partners' experience of {theme}; named the shared longing.",
    "Tracked the moment-to-moment sequence; {a} noticed {body} as the cycle began.",
    "Closed with {technique} and a brief check of each partner's state.",
    "Heightened the attachment need behind {a}'s criticism; {b} responded with {feeling}.",
    "Slowed the pace and reflected {b}'s {feeling} until it was received.",
];
const RISKS: &[&str] = &[
    "No safety concerns raised; both denied suicidal ideation and intimate partner violence.",
    "Denied SI/HI. No change in substance use reported.",
    "PHQ-9 item 9 answered \"not at all\" by both partners.",
    "No risk indicators; the safety plan was reviewed and remains current.",
    "Both partners deny thoughts of self-harm; no coercion reported in the individual check-ins.",
];
const PLANS: &[&str] = &[
    "Continue weekly sessions; next: {step}.",
    "Homework: ten minutes of {technique} three evenings this week.",
    "Revisit {theme} at {step}.",
    "{a} and {b} will try one soft start-up a day and note what they feel.",
    "Schedule {step}; review medical clearance dates before then.",
    "Check in on {feeling} and {theme} next time.",
];
const ADDENDA: &[&str] = &[
    "Addendum: {a} called the next day to add that {theme} had come up again.",
    "Correction: the homework agreed was {technique}, not as written.",
    "Addendum: {b} emailed about {feeling} after the session; no safety concern.",
    "Late entry: coordination call with the prescriber about {step}.",
    "Addendum: {a} asked to reschedule {step}.",
    "Clarification: the body sensation {b} described was {body}.",
];
const EMERGED: &[&str] = &[
    "I kept seeing {image} and felt {feeling} about {theme}.",
    "Something softened when {partner} said my name.",
    "Memories of {theme} came back, but they did not frighten me this time.",
    "I understood that my {feeling} is older than this relationship.",
    "I saw myself and {partner} as two people trying, not enemies.",
    "The music carried me to {image}, and I stayed there a long time.",
    "I felt how much I want {partner} to see me.",
];
const EMOTIONS: &[&str] = &[
    "Mostly {feeling}, then {feeling}.",
    "Waves of {feeling} that passed.",
    "A quiet {feeling} I did not expect.",
    "{feeling} first, then relief.",
];
const SOMATIC: &[&str] = &[
    "I noticed {body}.",
    "{body} at first, then a settled belly.",
    "My body felt light, with some {body} near the end.",
    "Breathing slowed; {body} faded.",
];
const COMMITMENTS: &[&str] = &[
    "I will tell {partner} when I start to withdraw.",
    "I want to practise {technique} each morning.",
    "I will ask for a hug instead of going quiet.",
    "We will talk about {theme} on Sunday evenings.",
    "I will notice {body} and name it.",
];
const QUESTIONS: &[&str] = &[
    "Why does {theme} still hurt so much?",
    "Can we keep this closeness at home?",
    "What does {partner} need from me when I feel {feeling}?",
    "Is it normal that the feeling of {image} stays with me?",
];

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn a_note_is_about_two_kilobytes_of_varied_named_text() {
        let mut words = Words::new(7);
        let notes: Vec<String> = (0..50).map(|_| words.note("Zoë", "Sam")).collect();
        for note in &notes {
            let fields: std::collections::BTreeMap<String, String> =
                serde_json::from_str(note).expect("a note's fields are a JSON object");
            assert_eq!(fields.len(), 4, "the four fields of an ordinary note");
            assert!(
                (1800..2600).contains(&note.len()),
                "about 2 KB, as she writes: {}",
                note.len()
            );
            assert!(
                fields.values().all(|text| !text.contains('{')),
                "every slot is filled: {note}"
            );
        }
        assert!(
            notes.iter().any(|n| n.contains("Zoë")),
            "names appear in the text, as they do in hers"
        );
        let distinct: std::collections::BTreeSet<&String> = notes.iter().collect();
        assert_eq!(distinct.len(), notes.len(), "no two notes alike");
        assert_eq!(
            Words::new(7).note("Zoë", "Sam"),
            notes[0],
            "the same seed gives the same words"
        );
    }
}
