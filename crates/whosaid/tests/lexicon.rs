//! Every entry of the built-in lexicon fires as a cue, and replacing a
//! list changes what fires.

use whosaid::{Extractor, Lexicon, PhraseRole, Quote};

const QUOTE: &str = "The plan will work,";
const SPEAKER: &str = "Maria Lopez";

/// What went wrong with one sentence, or `None` when the quote has the
/// expected cue and speaker.
fn check(
    extractor: &Extractor,
    text: &str,
    cue: Option<&str>,
) -> Option<String> {
    let quotes = extractor.extract(text);
    let q: &Quote<'_> = match quotes.as_slice() {
        [q] => q,
        _ => {
            return Some(format!(
                "{text:?}: expected 1 quote, got {}",
                quotes.len()
            ));
        }
    };
    let got_cue = q.cue().map(|c| c.text.to_lowercase());
    let got_speaker = q.speaker();
    let cue_ok = cue.is_none_or(|c| got_cue.as_deref() == Some(c));
    if cue_ok && got_speaker == Some(SPEAKER) {
        return None;
    }
    Some(format!(
        "{text:?}: cue {got_cue:?}, speaker {got_speaker:?}, rule {}",
        q.rule
    ))
}

/// Entries known not to fire yet, with what goes wrong; the tests fail
/// when one of them starts working, so the list stays honest.
const KNOWN: &[(&str, &str)] = &[];

/// Prints the failures (entry, message) and fails on any not in
/// [`KNOWN`], or on a known one that now works.
fn report(what: &str, tried: &[&str], failures: &[(String, String)]) {
    let known = |e: &str| KNOWN.iter().any(|(k, _)| *k == e);
    if !failures.is_empty() {
        println!("{} {what} did not fire as expected:", failures.len());
        for (entry, f) in failures {
            let tag = if known(entry) { " (known)" } else { "" };
            println!("  {entry}{tag}: {f}");
        }
    }
    let fixed: Vec<&str> = tried
        .iter()
        .copied()
        .filter(|e| known(e) && failures.iter().all(|(f, _)| f != e))
        .collect();
    let new: Vec<&str> = failures
        .iter()
        .map(|(e, _)| e.as_str())
        .filter(|e| !known(e))
        .collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "{what}: {} failed (listed above): {new:?}; known failures that now \
         work, remove them from KNOWN: {fixed:?}",
        new.len()
    );
}

#[test]
fn every_verb_form_is_a_cue() {
    let extractor = Extractor::new();
    let lexicon = Lexicon::builtin();
    let mut failures = vec![];
    let mut tried = vec![];
    for verb in lexicon.verbs() {
        for form in &verb.forms {
            tried.push(form.as_str());
            let text = format!("\"{QUOTE}\" {SPEAKER} {form}.");
            if let Some(f) = check(&extractor, &text, Some(form)) {
                failures.push((
                    form.clone(),
                    format!("(verb {}) {f}", verb.lemma),
                ));
            }
        }
    }
    report(&format!("of {} verb forms", tried.len()), &tried, &failures);
}

#[test]
fn every_verb_phrase_is_a_cue() {
    let extractor = Extractor::new();
    let lexicon = Lexicon::builtin();
    let mut failures = vec![];
    let mut tried = vec![];
    for (role, phrase) in lexicon.phrases() {
        if role != PhraseRole::Verb {
            continue;
        }
        tried.push(phrase);
        let text = format!("\"{QUOTE}\" {SPEAKER} {phrase}.");
        if let Some(f) = check(&extractor, &text, Some(phrase)) {
            failures.push((phrase.to_owned(), f));
        }
    }
    report(&format!("of {} verb phrases", tried.len()), &tried, &failures);
}

#[test]
fn every_prep_phrase_introduces_the_speaker() {
    let extractor = Extractor::new();
    let lexicon = Lexicon::builtin();
    let mut failures = vec![];
    let mut tried = vec![];
    for (role, phrase) in lexicon.phrases() {
        if role != PhraseRole::Prep {
            continue;
        }
        tried.push(phrase);
        let mut cased = phrase.to_owned();
        if let Some(first) = cased.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let text = format!("{cased} {SPEAKER}, \"The plan will work.\"");
        if let Some(f) = check(&extractor, &text, Some(phrase)) {
            failures.push((phrase.to_owned(), f));
        }
    }
    report(&format!("of {} prep phrases", tried.len()), &tried, &failures);
}

#[test]
fn builtin_lexicon_is_large() {
    let lexicon = Lexicon::builtin();
    let verbs = lexicon.verbs().len();
    let phrases = lexicon.phrases().count();
    assert!(
        verbs + phrases >= 200,
        "only {verbs} verbs and {phrases} phrases"
    );
    for v in lexicon.verbs() {
        assert_eq!(v.forms.first(), Some(&v.lemma), "lemma is the first form");
    }
}

#[test]
fn replacing_the_verb_list_changes_what_fires() {
    let said = format!("\"{QUOTE}\" {SPEAKER} said.");
    let quipped = format!("\"{QUOTE}\" {SPEAKER} blorfed.");

    let builtin = Extractor::new();
    assert_eq!(check(&builtin, &said, Some("said")), None);
    let q = builtin.extract(&quipped);
    assert!(
        q.iter().all(|q| q.cue().is_none()),
        "an unknown verb fires: {q:?}"
    );

    // `say` removed: `said` no longer fires.
    let mut lexicon = Lexicon::builtin();
    let verbs =
        Lexicon::builtin_text("verbs.txt").expect("verbs.txt is built in");
    let without_say: String = verbs
        .lines()
        .filter(|l| l.split_whitespace().next() != Some("say"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(
        without_say.len(),
        verbs.len() + 1,
        "the `say` line was removed"
    );
    lexicon.set("verbs.txt", &without_say).expect("verbs.txt parses");
    assert!(lexicon.verbs().iter().all(|v| v.lemma != "say"));
    let extractor =
        Extractor::with_lexicon(&lexicon).expect("extractor builds");
    let q = extractor.extract(&said);
    assert_eq!(q.len(), 1);
    assert!(
        q[0].cue().is_none_or(|c| c.text != "said"),
        "`said` still fires after `say` was removed: {:?}",
        q[0]
    );
    assert_eq!(
        check(
            &extractor,
            &format!("\"{QUOTE}\" {SPEAKER} added."),
            Some("added")
        ),
        None
    );

    // A new verb added: it fires.
    let with_blorf = format!("{verbs}\nblorf blorfs blorfed blorfing\n");
    lexicon.set("verbs.txt", &with_blorf).expect("verbs.txt parses");
    let extractor =
        Extractor::with_lexicon(&lexicon).expect("extractor builds");
    assert_eq!(check(&extractor, &quipped, Some("blorfed")), None);
}
