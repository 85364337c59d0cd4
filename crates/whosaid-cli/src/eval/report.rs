//! Printing scores as the reference scorer prints them: its table, its
//! one-line summary, its JSON (keys sorted, one-space indent) and its
//! error examples.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use super::gold::py_repr;
use super::score::{Errors, Example, Scores};

/// The table printed by default.
pub(crate) fn table(s: &Scores, gold: &str, pred: &str) -> String {
    let c = &s.counts;
    let (q, e) = (&s.quote, &s.end_to_end);
    let mut out = format!(
        "gold {gold} | pred {pred} | kind={}{}\n",
        s.kind,
        if s.attributed_only { " | attributed-only" } else { "" }
    );
    let _ =
        writeln!(out, "{:<17} {:>6} {:>6} {:>6}   counts", "", "P", "R", "F1");
    let _ = writeln!(
        out,
        "{:<17} {:>6.3} {:>6.3} {:>6.3}   matched {} / pred {} / gold {}; \
         exact spans {}",
        "quotes",
        q.precision,
        q.recall,
        q.f1,
        c.matched,
        c.pred,
        c.gold,
        c.exact
    );
    let _ = writeln!(
        out,
        "{:<17} {:>6.3} {:>6} {:>6}   right {} / {} matched quotes with a \
         named gold speaker ({} left empty)",
        "speaker accuracy",
        s.accuracy,
        "",
        "",
        c.attr_right,
        c.attr_total,
        c.attr_empty
    );
    let _ = write!(
        out,
        "{:<17} {:>6.3} {:>6.3} {:>6.3}   right {} / pred {} / gold {} \
         (unresolved gold speakers left out: {} gold, {} pred)",
        "end to end",
        e.precision,
        e.recall,
        e.f1,
        c.e2e_right,
        c.e2e_pred,
        c.e2e_gold,
        c.unresolved_gold,
        c.unresolved_pred
    );
    if s.by_kind.len() > 1 || s.kind != "all" {
        let kinds: Vec<String> = s
            .by_kind
            .iter()
            .map(|(kind, &(gold, matched))| {
                let recall =
                    if gold > 0 { matched as f64 / gold as f64 } else { 0.0 };
                format!(
                    "{} {recall:.3} of {gold}",
                    kind.as_deref().unwrap_or("None")
                )
            })
            .collect();
        let _ = write!(out, "\nrecall by kind: {}", kinds.join(", "));
    }
    if c.ignored_pred > 0 {
        let _ = write!(
            out,
            "\nnote: {} predictions matched gold quotes outside --kind {} and \
             were ignored",
            c.ignored_pred, s.kind
        );
    }
    if c.unknown_file_pred > 0 {
        let _ = write!(
            out,
            "\nwarning: {} prediction rows name files that are not in the gold \
             (counted as false alarms)",
            c.unknown_file_pred
        );
    }
    out
}

/// The one-line summary (`--summary`).
pub(crate) fn summary(s: &Scores) -> String {
    format!(
        "quote F1 {:.3} | speaker accuracy {:.3} | end-to-end F1 {:.3} (P {:.3} R {:.3})",
        s.quote.f1,
        s.accuracy,
        s.end_to_end.f1,
        s.end_to_end.precision,
        s.end_to_end.recall
    )
}

/// Every number, as JSON with the reference's keys.
pub(crate) fn json(s: &Scores) -> String {
    let c = &s.counts;
    let by_kind: serde_json::Map<String, Value> = s
        .by_kind
        .iter()
        .map(|(kind, &(gold, matched))| {
            let recall =
                if gold > 0 { matched as f64 / gold as f64 } else { 0.0 };
            let key = kind.clone().unwrap_or_else(|| "null".into());
            (key, json!({"gold": gold, "recall": recall}))
        })
        .collect();
    let value = json!({
        "attributed_only": s.attributed_only,
        "attribution": {
            "accuracy": s.accuracy,
            "correct": c.attr_right,
            "empty_speaker": c.attr_empty,
            "total": c.attr_total,
        },
        "counts": {
            "attr_empty": c.attr_empty,
            "attr_right": c.attr_right,
            "attr_total": c.attr_total,
            "e2e_gold": c.e2e_gold,
            "e2e_pred": c.e2e_pred,
            "e2e_right": c.e2e_right,
            "exact": c.exact,
            "gold": c.gold,
            "ignored_pred": c.ignored_pred,
            "matched": c.matched,
            "pred": c.pred,
            "unknown_file_pred": c.unknown_file_pred,
            "unresolved_gold": c.unresolved_gold,
            "unresolved_pred": c.unresolved_pred,
        },
        "end_to_end": {
            "f1": s.end_to_end.f1,
            "precision": s.end_to_end.precision,
            "recall": s.end_to_end.recall,
        },
        "kind": s.kind,
        "quote": {
            "exact_share_of_matched": s.exact_share(),
            "exact_span": c.exact,
            "f1": s.quote.f1,
            "precision": s.quote.precision,
            "recall": s.quote.recall,
        },
        "recall_by_kind": by_kind,
    });
    // One-space indent, as `json.dumps(indent=1)`; serde_json's maps
    // keep keys sorted, as `sort_keys=True` does.
    let mut out = vec![];
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(&value, &mut serializer)
        .expect("serialising JSON values to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// How many bytes of text are shown on each side of an error's span.
const SIDE: usize = 60;

/// `n` examples each of misses, false alarms and wrong speakers (spread
/// evenly over each list, in file and offset order), with the text
/// around them read from the gold's folder.
pub(crate) fn errors(err: &Errors, n: usize, gold_dir: &Path) -> String {
    let mut cache: HashMap<String, Option<Vec<u8>>> = HashMap::new();
    let mut lines = vec![];
    let lists = [
        (&err.miss, "MISSED gold quotes"),
        (&err.false_alarm, "FALSE ALARMS"),
        (&err.wrong_speaker, "WRONG SPEAKERS"),
    ];
    for (list, title) in lists {
        let span = |x: &Example| match (&x.gold, &x.pred) {
            (Some(g), _) => (g.start, g.end),
            (None, Some(p)) => (p.start, p.end),
            (None, None) => (0, 0),
        };
        let mut items: Vec<&Example> = list.iter().collect();
        items.sort_by(|a, b| {
            let key = |x: &Example| {
                (x.file.clone().unwrap_or_else(|| "~".into()), span(x).0)
            };
            key(a).cmp(&key(b))
        });
        if n < items.len() {
            let step = items.len() as f64 / n as f64;
            items =
                (0..n).map(|i| items[(i as f64 * step) as usize]).collect();
        }
        lines.push(format!(
            "== {title} ({} shown of {})",
            items.len(),
            list.len()
        ));
        for x in items {
            let (start, end) = span(x);
            let mut who = String::new();
            if let Some(g) = &x.gold {
                let speaker = (!g.speaker.is_empty()).then_some(&*g.speaker);
                let _ = write!(
                    who,
                    " gold speaker={} [{}]",
                    py_repr(speaker),
                    g.status
                );
            }
            if let Some(p) = &x.pred {
                let speaker = (!p.speaker.is_empty()).then_some(&*p.speaker);
                let _ = write!(who, " pred speaker={}", py_repr(speaker));
                let same = x
                    .gold
                    .as_ref()
                    .is_some_and(|g| (p.start, p.end) == (g.start, g.end));
                if !same {
                    let _ = write!(who, " pred span={}..{}", p.start, p.end);
                }
            }
            let name = match (&x.file, &x.pred) {
                (Some(f), _) => f.clone(),
                (None, Some(p)) => p.raw_file.clone(),
                (None, None) => String::new(),
            };
            let context =
                context(&mut cache, gold_dir, x.file.as_deref(), start, end);
            lines.push(format!("{name} @{start}..{end}{who}\n    {context}"));
        }
    }
    lines.join("\n")
}

/// The text around `start..end` in gold file `file`, `«»` around the
/// span, line breaks shown as `⏎`.
fn context(
    cache: &mut HashMap<String, Option<Vec<u8>>>,
    gold_dir: &Path,
    file: Option<&str>,
    start: i64,
    end: i64,
) -> String {
    let Some(file) = file else {
        return "(file not in gold)".into();
    };
    let data = cache
        .entry(file.to_owned())
        .or_insert_with(|| std::fs::read(gold_dir.join(file)).ok());
    let Some(data) = data else {
        return "(text unavailable)".into();
    };
    // Python slices clamp to the bytes there are.
    let clamp =
        |i: i64| usize::try_from(i.max(0)).unwrap_or(0).min(data.len());
    let (s, e) = (clamp(start), clamp(end));
    let slice = |from: usize, to: usize| {
        String::from_utf8_lossy(&data[from.min(to)..to]).into_owned()
    };
    let left = slice(s.saturating_sub(SIDE), s);
    let mid = slice(s, e.max(s));
    let right = slice(e, (e + SIDE).min(data.len()));
    let chars: Vec<char> = mid.chars().collect();
    let mid = if chars.len() > 160 {
        let head: String = chars[..75].iter().collect();
        let tail: String = chars[chars.len() - 75..].iter().collect();
        format!("{head} … {tail}")
    } else {
        mid
    };
    format!("…{left}«{mid}»{right}…").replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::Gold;
    use crate::eval::gold::{GoldQuote, Pred};
    use crate::eval::score::score;

    fn scores() -> (Scores, Errors) {
        let mut gold = Gold::new();
        let q = GoldQuote {
            start: 1,
            end: 6,
            speaker: "Ann Lee".into(),
            status: "named".into(),
            kind: Some("direct".into()),
            continues: false,
            group: 0,
        };
        gold.insert(
            "docs/a.txt".into(),
            vec![q.clone(), GoldQuote { start: 20, end: 24, ..q }],
        );
        let pred = Pred {
            file: Some("docs/a.txt".into()),
            raw_file: "a.txt".into(),
            start: 1,
            end: 6,
            speaker: "Bo".into(),
        };
        score(&gold, &[pred], "all", false)
    }

    #[test]
    fn table_as_the_reference_prints_it() {
        let (s, _) = scores();
        assert_eq!(
            table(&s, "g.jsonl", "p.csv"),
            "gold g.jsonl | pred p.csv | kind=all\n\
             \x20                      P      R     F1   counts\n\
             quotes             1.000  0.500  0.667   matched 1 / pred 1 / gold 2; exact spans 1\n\
             speaker accuracy   0.000                 right 0 / 1 matched quotes with a named gold speaker (0 left empty)\n\
             end to end         0.000  0.000  0.000   right 0 / pred 1 / gold 2 (unresolved gold speakers left out: 0 gold, 0 pred)"
        );
        assert_eq!(
            summary(&s),
            "quote F1 0.667 | speaker accuracy 0.000 | end-to-end F1 0.000 (P 0.000 R 0.000)"
        );
    }

    #[test]
    fn json_keys_are_sorted_and_indented_by_one() {
        let (s, _) = scores();
        let out = json(&s);
        assert!(out.starts_with("{\n \"attributed_only\": false,\n \"attribution\": {\n  \"accuracy\": 0.0,"), "{out}");
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["quote"]["recall"], 0.5);
        assert_eq!(value["recall_by_kind"]["direct"]["gold"], 2);
    }

    #[test]
    fn error_examples() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        std::fs::write(
            dir.path().join("docs/a.txt"),
            "\"Hello,\" Bo said.\n\"Bye.\"",
        )
        .unwrap();
        let (_, err) = scores();
        let out = errors(&err, 5, dir.path());
        assert_eq!(
            out,
            "== MISSED gold quotes (1 shown of 1)\n\
             docs/a.txt @20..24 gold speaker='Ann Lee' [named]\n    \
             …\"Hello,\" Bo said.⏎\"B«ye.\"»…\n\
             == FALSE ALARMS (0 shown of 0)\n\
             == WRONG SPEAKERS (1 shown of 1)\n\
             docs/a.txt @1..6 gold speaker='Ann Lee' [named] pred speaker='Bo'\n    \
             …\"«Hello»,\" Bo said.⏎\"Bye.\"…"
        );
    }
}
