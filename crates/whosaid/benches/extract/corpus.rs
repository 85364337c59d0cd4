//! The benchmark's texts, generated from a fixed seed so that every run
//! measures the same bytes (no corpus is read from disk: the dev
//! corpora are not ours to ship, and a generated text can be made any
//! size).
//!
//! `news` writes wire-style articles: a headline, a dateline, narrative
//! sentences with names, titles, numbers and organisations, and quote
//! paragraphs in the shapes the rules look for (`"…," X said.`, `said
//! X, a Y`, `X told reporters: "…"`, `according to X`, pronouns,
//! running quotations, scare quotes, straight and curly marks).
//! `dialogue` writes fiction-like turns. The pathological texts are the
//! inputs most likely to make a scanner or a window quadratic.

/// A small deterministic generator (splitmix64): no dependency, and the
/// same bytes on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `p` percent.
    fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

const MEN: &[&str] = &[
    "James", "Robert", "Michael", "David", "Gareth", "Yuri", "Ahmed", "Luis",
    "Thomas", "Daniel", "Kenji", "Samuel", "Peter", "Omar", "Victor",
];
const WOMEN: &[&str] = &[
    "Mary", "Linda", "Miriam", "Dolores", "Sofia", "Aisha", "Karen", "Elena",
    "Grace", "Hannah", "Priya", "Ruth", "Ingrid", "Laura", "Nadia",
];
const SURNAMES: &[&str] = &[
    "Osei",
    "Lyle",
    "Brandt",
    "Okafor",
    "Ushakov",
    "Martinez",
    "Chen",
    "Kowalski",
    "Haddad",
    "Fischer",
    "Nakamura",
    "O'Brien",
    "McAllister",
    "Van Buren",
    "Rossi",
    "Lindqvist",
    "Adeyemi",
    "Petrov",
    "Dubois",
    "Sullivan",
];
const TITLES: &[&str] = &[
    "Mayor",
    "Sen.",
    "Gov.",
    "Rep.",
    "Councillor",
    "Dr.",
    "Secretary of State",
    "Police Chief",
    "Judge",
    "Professor",
];
const ROLES: &[&str] = &[
    "the city's finance chief",
    "a spokesman for the department",
    "the union's regional secretary",
    "an economist at the university",
    "the committee's chairwoman",
    "a senior administration official",
    "the company's chief executive",
    "a lawyer for the family",
];
const ORGS: &[&str] = &[
    "the Department of Transportation",
    "City Council",
    "the Federal Reserve",
    "the World Health Organization",
    "Northfield Hospital",
    "the State Department",
    "the Teachers Union",
    "Harbor Energy",
];
const OUTLETS: &[&str] =
    &["Reuters", "The Associated Press", "CNN", "the BBC", "Fox News"];
const PLACES: &[&str] = &[
    "ASHFORD",
    "WASHINGTON",
    "LONDON",
    "BRUSSELS",
    "NAIROBI",
    "OTTAWA",
    "SPRINGFIELD",
];
const DAYS: &[&str] =
    &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"];
const NOUNS: &[&str] = &[
    "budget",
    "plan",
    "service",
    "proposal",
    "bill",
    "contract",
    "policy",
    "agreement",
    "investigation",
    "project",
    "tax",
    "deal",
];
const ADJS: &[&str] = &[
    "new",
    "final",
    "revised",
    "controversial",
    "federal",
    "local",
    "annual",
    "temporary",
];
const VERBS: &[&str] =
    &["cut", "raise", "delay", "approve", "review", "block", "fund", "expand"];
const CUES: &[&str] =
    &["said", "says", "added", "told reporters", "explained", "warned"];
const QUOTE_OPENERS: &[&str] = &[
    "We have not found the money yet",
    "This is not the outcome anyone wanted",
    "The people of this city deserve better than this",
    "We're going to keep fighting for every family",
    "I don't think anybody expected it to go this far",
    "Nobody should have to choose between rent and medicine",
    "It's a good day for the people who keep the city running",
    "We will be watching the budget very closely",
    "The numbers simply do not add up",
    "There is no easy answer here, and we've said so from the start",
    "I have spoken to hundreds of workers who are worried",
    "This agreement protects jobs and it protects the taxpayer",
];
const QUOTE_TAILS: &[&str] = &[
    "and we will not apologise for that",
    "which is not the same thing",
    "whatever the critics say",
    "because a vote is only a promise until the money arrives",
    "and that's what matters in the end",
    "not next year, not next month, but now",
];
const SCARE: &[&str] = &[
    "lifeline",
    "reckless",
    "a total disaster",
    "fake news",
    "a step in the right direction",
    "Board of Peace",
];

/// A person: full name, surname, pronoun.
struct Person {
    full: String,
    last: &'static str,
    pronoun: &'static str,
}

fn person(rng: &mut Rng) -> Person {
    let male = rng.chance(50);
    let first = if male { rng.pick(MEN) } else { rng.pick(WOMEN) };
    let last = rng.pick(SURNAMES);
    let full = if rng.chance(15) {
        let initial = (b'A' + rng.below(26) as u8) as char;
        format!("{first} {initial}. {last}")
    } else {
        format!("{first} {last}")
    };
    Person { full, last, pronoun: if male { "he" } else { "she" } }
}

/// One or two quoted sentences, the last ending in `end`.
fn quoted(rng: &mut Rng, end: &str) -> String {
    let mut q = rng.pick(QUOTE_OPENERS).to_owned();
    if rng.chance(40) {
        q.push_str(", ");
        q.push_str(rng.pick(QUOTE_TAILS));
    }
    if rng.chance(35) {
        q.push_str(". ");
        q.push_str(rng.pick(QUOTE_OPENERS));
    }
    q.push_str(end);
    q
}

/// A narrative sentence with no quotation marks.
fn narrative(rng: &mut Rng, people: &[Person]) -> String {
    let p = &people[rng.below(people.len())];
    let n = rng.below(90) + 3;
    match rng.below(8) {
        0 => format!(
            "{}, {}, said on {} that the {} {} would {} spending by {n} \
             percent.",
            p.full,
            rng.pick(ROLES),
            rng.pick(DAYS),
            rng.pick(ADJS),
            rng.pick(NOUNS),
            rng.pick(VERBS),
        ),
        1 => format!(
            "The {} has been under review since {}, according to figures \
             released by {}.",
            rng.pick(NOUNS),
            1990 + rng.below(35),
            rng.pick(ORGS),
        ),
        2 => format!(
            "{} did not respond to a request for comment on {}.",
            rng.pick(ORGS),
            rng.pick(DAYS),
        ),
        3 => format!(
            "Lawmakers voted {n} to {} to {} the {} {}, which critics had \
             called {}.",
            rng.below(40) + 1,
            rng.pick(VERBS),
            rng.pick(ADJS),
            rng.pick(NOUNS),
            rng.pick(ADJS),
        ),
        4 => format!(
            "{} {}, who has held the post since {}, said {} had received \
             more than {n},000 letters in six weeks.",
            rng.pick(TITLES),
            p.full,
            2000 + rng.below(24),
            p.pronoun,
        ),
        5 => format!(
            "It's the {} time this year that the city's {} has been {}d, \
             and officials don't expect it to be the last.",
            ["second", "third", "fourth"][rng.below(3)],
            rng.pick(NOUNS),
            rng.pick(&["revise", "delay", "debate"]),
        ),
        6 => format!(
            "{} reported on {} that about {n}.{} million dollars a year was \
             at stake.",
            rng.pick(OUTLETS),
            rng.pick(DAYS),
            rng.below(10),
        ),
        _ => format!(
            "The {} {} is due in {}, and {} has asked {} for an extension.",
            rng.pick(ADJS),
            rng.pick(NOUNS),
            ["March", "June", "September", "December"][rng.below(4)],
            p.last,
            rng.pick(ORGS),
        ),
    }
}

/// A paragraph with a quotation, in one of the shapes news uses.
fn quote_paragraph(
    rng: &mut Rng,
    people: &[Person],
    (open, close): (&str, &str),
) -> String {
    let p = &people[rng.below(people.len())];
    let cue = rng.pick(CUES);
    match rng.below(10) {
        0 | 1 => format!(
            "{open}{}{close} {} {cue}. {open}{}{close}",
            quoted(rng, ","),
            p.last,
            quoted(rng, "."),
        ),
        2 => format!(
            "{open}{}{close} said {}, {}.",
            quoted(rng, ","),
            p.full,
            rng.pick(ROLES),
        ),
        3 => format!("{} {cue}: {open}{}{close}", p.full, quoted(rng, "."),),
        4 => format!(
            "According to {}, {open}{}{close}",
            p.full,
            quoted(rng, "."),
        ),
        5 => format!(
            "{open}{}{close} {} said in a statement to {}.",
            quoted(rng, ","),
            p.pronoun,
            rng.pick(OUTLETS),
        ),
        6 => format!(
            "{} called the {} {open}{}{close} and said it would {open}{}{close}",
            p.last,
            rng.pick(NOUNS),
            rng.pick(SCARE),
            rng.pick(QUOTE_TAILS),
        ),
        7 => format!(
            "{open}{}{close} {} {cue}, {open}{}{close}",
            quoted(rng, ","),
            p.pronoun,
            quoted(rng, "."),
        ),
        8 => format!(
            "The {}, which the council's own report calls a \
             {open}{}{close}, costs about {}.{} million pounds a year.",
            rng.pick(NOUNS),
            rng.pick(SCARE),
            rng.below(9) + 1,
            rng.below(10),
        ),
        // A running quotation: the opening mark repeated, the closing
        // mark only at the end.
        _ => format!(
            "{} {cue}:\n\n{open}{}\n\n{open}{}{close}",
            p.full,
            quoted(rng, "."),
            quoted(rng, "."),
        ),
    }
}

/// Hard-wraps `text` at about 72 columns, as some wire feeds do.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut col = 0;
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            if col + word.len() > 72 {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

/// One news article; `quotes` false leaves out every quotation.
fn article(rng: &mut Rng, quotes: bool) -> String {
    let people: Vec<Person> =
        (0..3 + rng.below(3)).map(|_| person(rng)).collect();
    let marks = if rng.chance(50) { ("\"", "\"") } else { ("“", "”") };
    let wrapped = rng.chance(30);
    let mut paras = vec![format!(
        "{} votes to {} {} {}",
        rng.pick(&["Council", "Senate", "Board", "Committee"]),
        rng.pick(VERBS),
        rng.pick(ADJS),
        rng.pick(NOUNS),
    )];
    paras.push(format!("{} — {}", rng.pick(PLACES), narrative(rng, &people)));
    for _ in 0..8 + rng.below(8) {
        let para = if quotes && rng.chance(55) {
            quote_paragraph(rng, &people, marks)
        } else {
            let n = 1 + rng.below(3);
            let sentences: Vec<String> =
                (0..n).map(|_| narrative(rng, &people)).collect();
            sentences.join(" ")
        };
        paras.push(if wrapped { wrap(&para) } else { para });
    }
    let mut text = paras.join("\n\n");
    text.push('\n');
    text
}

/// News articles of about `bytes` bytes in all.
pub(crate) fn news(bytes: usize, quotes: bool) -> Vec<String> {
    let mut rng = Rng::new(if quotes { 1 } else { 2 });
    let mut out = vec![];
    let mut total = 0;
    while total < bytes {
        let a = article(&mut rng, quotes);
        total += a.len();
        out.push(a);
    }
    out
}

const DIALOGUE_LINES: &[&str] = &[
    "Where are you going",
    "To town, if the roads are clear",
    "You cannot be serious",
    "I have never been more serious in my life",
    "Then I shall come with you",
    "It's late, and the horses are tired",
    "Nonsense",
    "Do you think he knows",
    "He knows everything, my dear",
];
const SPEAKERS: &[&str] =
    &["Elizabeth", "Mr. Darcy", "Jane", "Mrs. Bennet", "Holmes", "Watson"];
const SAID: &[&str] =
    &["said", "asked", "replied", "cried", "whispered", "answered"];

/// Fiction-like dialogue of about `bytes` bytes, in chapters of about
/// 10 KB: most paragraphs are turns, many untagged.
pub(crate) fn dialogue(bytes: usize) -> Vec<String> {
    let mut rng = Rng::new(3);
    let mut out = vec![];
    let mut total = 0;
    while total < bytes {
        let mut chapter = String::new();
        let (a, b) = (rng.pick(SPEAKERS), rng.pick(SPEAKERS));
        while chapter.len() < 10_000 {
            let line = rng.pick(DIALOGUE_LINES);
            let end = if line.ends_with("know") { "?" } else { "." };
            let who = if rng.chance(50) { a } else { b };
            let para = match rng.below(6) {
                0 => format!("\"{line}{end}\" {} {who}.", rng.pick(SAID)),
                1 => format!("\"{line},\" {who} {}.", rng.pick(SAID)),
                2 => format!(
                    "\"{line},\" said {who}, \"{}.\"",
                    rng.pick(DIALOGUE_LINES)
                ),
                3 => format!(
                    "{who} looked out of the window for a long while. \
                     The rain had not stopped since the morning."
                ),
                _ => format!("\"{line}{end}\""),
            };
            chapter.push_str(&para);
            chapter.push_str("\n\n");
        }
        total += chapter.len();
        out.push(chapter);
    }
    out
}

/// `unit` repeated to exactly `bytes` bytes (cut on a char boundary).
fn repeat(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

/// The pathological inputs, each of `bytes` bytes: name and text.
pub(crate) fn pathological(bytes: usize) -> Vec<(&'static str, String)> {
    // News prose made into one paragraph: hard-wrapped lines, no blank
    // line (so a quotation left open runs to the end of the text).
    let prose: String = news(bytes, false).concat();
    let one_paragraph =
        wrap(&prose.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut unclosed = String::from("\"");
    unclosed.push_str(&one_paragraph);
    let news_line = news(bytes, true).concat().replace('\n', " ");
    let mut rng = Rng::new(4);
    let mut caps = String::with_capacity(bytes + 16);
    let mut k = 0;
    while caps.len() < bytes {
        caps.push_str(rng.pick(SURNAMES));
        k += 1;
        caps.push(if k % 10 == 0 { '\n' } else { ' ' });
    }
    // Many different two-word names (`Kavu Tesilo, Mirabe Oxt. ...`),
    // for the structures that collect the names of a text.
    let mut names = String::with_capacity(bytes + 32);
    while names.len() < bytes {
        for k in 0..2 {
            names.push(char::from(b'A' + rng.below(26) as u8));
            for _ in 0..3 + rng.below(6) {
                names.push(char::from(b'a' + rng.below(26) as u8));
            }
            names.push_str(if k == 0 {
                " "
            } else {
                [", ", ". "][rng.below(2)]
            });
        }
    }
    let cut = |s: &str| repeat(s, bytes);
    vec![
        ("double-marks", cut("\"")),
        ("unclosed-at-start", repeat(&unclosed, bytes)),
        ("no-newline", repeat(&news_line, bytes)),
        // A quotation first, so that the names are read at all (a text
        // with no quotation is done once it is scanned).
        ("capitalised", repeat(&format!("\"Yes,\" said {caps}"), bytes)),
        ("distinct-names", repeat(&format!("\"Yes,\" said {names}"), bytes)),
        ("short-quotes", cut("\"a\" ")),
        ("apostrophes", cut("'")),
        ("single-short-quotes", cut("'a' ")),
        ("curly-marks", cut("“”")),
    ]
}
