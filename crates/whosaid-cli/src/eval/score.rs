//! Scoring predictions against gold quotations: a port of the reference
//! scorer's logic, step for step, so that both give the same numbers.

use std::collections::{BTreeMap, HashMap};

use super::gold::{Gold, GoldQuote, Pred};
use super::name::same_person;

/// Every count the scores are made of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Gold quotes scored (of the `--kind` asked for).
    pub(crate) gold: usize,
    /// Predictions scored: matched to a scored gold quote, or to none.
    pub(crate) pred: usize,
    /// Matched pairs.
    pub(crate) matched: usize,
    /// Matched pairs with exactly the same span.
    pub(crate) exact: usize,
    /// Matched quotes whose gold speaker is named.
    pub(crate) attr_total: usize,
    /// Those whose predicted speaker is the same person.
    pub(crate) attr_right: usize,
    /// Those whose predicted speaker is empty.
    pub(crate) attr_empty: usize,
    /// End to end: right span and right speaker.
    pub(crate) e2e_right: usize,
    /// End to end: gold quotes, unresolved speakers left out.
    pub(crate) e2e_gold: usize,
    /// End to end: predictions, those matched to unresolved speakers
    /// left out.
    pub(crate) e2e_pred: usize,
    /// Gold quotes with an unresolved speaker.
    pub(crate) unresolved_gold: usize,
    /// Predictions matched to them.
    pub(crate) unresolved_pred: usize,
    /// Predictions matched to gold quotes of another kind than asked.
    pub(crate) ignored_pred: usize,
    /// Predictions naming a file that is not in the gold.
    pub(crate) unknown_file_pred: usize,
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Prf {
    /// Right over predicted.
    pub(crate) precision: f64,
    /// Right over gold.
    pub(crate) recall: f64,
    /// Their harmonic mean.
    pub(crate) f1: f64,
}

impl Prf {
    fn new(right: usize, predicted: usize, gold: usize) -> Prf {
        let p =
            if predicted > 0 { right as f64 / predicted as f64 } else { 0.0 };
        let r = if gold > 0 { right as f64 / gold as f64 } else { 0.0 };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { precision: p, recall: r, f1 }
    }
}

/// The scores of one run.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Scores {
    /// `all`, `direct` or `mixed`.
    pub(crate) kind: &'static str,
    /// Whether predictions without a speaker were dropped.
    pub(crate) attributed_only: bool,
    /// The counts.
    pub(crate) counts: Counts,
    /// Quote detection.
    pub(crate) quote: Prf,
    /// Speaker accuracy on matched quotes with a named gold speaker.
    pub(crate) accuracy: f64,
    /// End to end.
    pub(crate) end_to_end: Prf,
    /// By gold kind (`None` for a `null` kind): gold quotes and how
    /// many were matched.
    pub(crate) by_kind: BTreeMap<Option<String>, (usize, usize)>,
}

impl Scores {
    /// The share of matched pairs whose spans are exactly the same.
    pub(crate) fn exact_share(&self) -> f64 {
        let c = &self.counts;
        if c.matched > 0 { c.exact as f64 / c.matched as f64 } else { 0.0 }
    }
}

/// One example of an error: the file, and the gold quote and
/// prediction involved (one of them may be missing).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Example {
    /// The gold file, `None` for a prediction naming no gold file.
    pub(crate) file: Option<String>,
    /// The gold quote.
    pub(crate) gold: Option<GoldQuote>,
    /// The prediction.
    pub(crate) pred: Option<Pred>,
}

/// The errors, in the order found.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Errors {
    /// Gold quotes no prediction matched.
    pub(crate) miss: Vec<Example>,
    /// Predictions that matched no gold quote.
    pub(crate) false_alarm: Vec<Example>,
    /// Matched pairs whose speaker is wrong.
    pub(crate) wrong_speaker: Vec<Example>,
}

/// Spans' overlap over their union; two equal empty spans overlap
/// fully.
fn iou(a: (i64, i64), b: (i64, i64)) -> f64 {
    let inter = a.1.min(b.1) - a.0.max(b.0);
    if inter <= 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let union = (a.1 - a.0) + (b.1 - b.0) - inter;
    inter as f64 / union as f64
}

/// A quotation running over several paragraphs is gold as one piece
/// per paragraph. A prediction that covers two or more pieces of one
/// running quotation (and nothing of another) is scored as one
/// prediction per piece, clipped to it, so that both ways of reporting
/// a running quotation score alike.
fn split_running(golds: &[GoldQuote], preds: &[Pred]) -> Vec<Pred> {
    let mut out = vec![];
    for p in preds {
        let hit: Vec<&GoldQuote> = golds
            .iter()
            .filter(|g| g.end.min(p.end) > g.start.max(p.start))
            .collect();
        let one_group = hit.iter().all(|g| g.group == hit[0].group);
        if hit.len() < 2 || !one_group {
            out.push(p.clone());
            continue;
        }
        for g in hit {
            let mut q = p.clone();
            q.start = g.start.max(p.start);
            q.end = g.end.min(p.end);
            out.push(q);
        }
    }
    out
}

/// One-to-one matching, best overlap first (ties: gold start,
/// prediction start, then order); a pair needs an overlap of at least
/// half their union. Returns, for each gold quote, its prediction.
fn match_spans(golds: &[GoldQuote], preds: &[Pred]) -> Vec<Option<usize>> {
    let mut candidates = vec![];
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            let o = iou((g.start, g.end), (p.start, p.end));
            if o >= 0.5 {
                candidates.push((o, g.start, p.start, gi, pi));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    let mut gold_match = vec![None; golds.len()];
    let mut pred_taken = vec![false; preds.len()];
    for (_, _, _, gi, pi) in candidates {
        if gold_match[gi].is_none() && !pred_taken[pi] {
            gold_match[gi] = Some(pi);
            pred_taken[pi] = true;
        }
    }
    gold_match
}

/// Whether a matched prediction's speaker is right: the same person
/// for a named gold speaker, empty otherwise.
fn speaker_right(g: &GoldQuote, p: &Pred) -> bool {
    if g.status == "named" {
        same_person(&g.speaker, &p.speaker)
    } else {
        p.speaker.is_empty()
    }
}

/// Scores `preds` against `gold`: only gold quotes of `kind` (`all`,
/// `direct` or `mixed`), and only predictions with a speaker when
/// `attributed_only`.
pub(crate) fn score(
    gold: &Gold,
    preds: &[Pred],
    kind: &'static str,
    attributed_only: bool,
) -> (Scores, Errors) {
    let mut by_file: HashMap<Option<&str>, Vec<Pred>> = HashMap::new();
    for p in preds {
        if attributed_only && p.speaker.is_empty() {
            continue;
        }
        by_file.entry(p.file.as_deref()).or_default().push(p.clone());
    }
    let unknown = by_file.remove(&None).unwrap_or_default();
    let mut c =
        Counts { unknown_file_pred: unknown.len(), ..Counts::default() };
    let mut by_kind: BTreeMap<Option<String>, (usize, usize)> =
        BTreeMap::new();
    let mut err = Errors::default();
    let example = |f: &str, g: Option<&GoldQuote>, p: Option<&Pred>| Example {
        file: Some(f.to_owned()),
        gold: g.cloned(),
        pred: p.cloned(),
    };

    // Every file a prediction resolves to is a gold file, so the gold's
    // files, sorted, are all there is to go through.
    for (f, gs) in gold {
        let ps = split_running(
            gs,
            by_file.get(&Some(f.as_str())).map_or(&[], |v| v),
        );
        let gm = match_spans(gs, &ps);
        let mut matched_p = vec![false; ps.len()];
        for pi in gm.iter().flatten() {
            matched_p[*pi] = true;
        }
        for (gi, g) in gs.iter().enumerate() {
            let in_scope = kind == "all" || g.kind.as_deref() == Some(kind);
            let p = gm[gi].map(|pi| &ps[pi]);
            if !in_scope {
                if p.is_some() {
                    c.ignored_pred += 1;
                }
                continue;
            }
            c.gold += 1;
            let k = by_kind.entry(g.kind.clone()).or_default();
            k.0 += 1;
            let unresolved = g.status == "unresolved";
            if unresolved {
                c.unresolved_gold += 1;
            } else {
                c.e2e_gold += 1;
            }
            let Some(p) = p else {
                err.miss.push(example(f, Some(g), None));
                continue;
            };
            k.1 += 1;
            c.matched += 1;
            c.pred += 1;
            if (g.start, g.end) == (p.start, p.end) {
                c.exact += 1;
            }
            if g.status == "named" {
                c.attr_total += 1;
                if p.speaker.is_empty() {
                    c.attr_empty += 1;
                }
                if same_person(&g.speaker, &p.speaker) {
                    c.attr_right += 1;
                }
            }
            if unresolved {
                c.unresolved_pred += 1;
                continue;
            }
            c.e2e_pred += 1;
            if speaker_right(g, p) {
                c.e2e_right += 1;
            } else {
                err.wrong_speaker.push(example(f, Some(g), Some(p)));
            }
        }
        for (p, matched) in ps.iter().zip(matched_p) {
            if !matched {
                c.pred += 1;
                c.e2e_pred += 1;
                err.false_alarm.push(example(f, None, Some(p)));
            }
        }
    }
    for p in unknown {
        c.pred += 1;
        c.e2e_pred += 1;
        err.false_alarm.push(Example {
            file: None,
            gold: None,
            pred: Some(p),
        });
    }
    let quote = Prf::new(c.matched, c.pred, c.gold);
    let end_to_end = Prf::new(c.e2e_right, c.e2e_pred, c.e2e_gold);
    let accuracy = if c.attr_total > 0 {
        c.attr_right as f64 / c.attr_total as f64
    } else {
        0.0
    };
    let scores = Scores {
        kind,
        attributed_only,
        counts: c,
        quote,
        accuracy,
        end_to_end,
        by_kind,
    };
    (scores, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(
        start: i64,
        end: i64,
        speaker: &str,
        status: &str,
        kind: &str,
    ) -> GoldQuote {
        GoldQuote {
            start,
            end,
            speaker: speaker.into(),
            status: status.into(),
            kind: Some(kind.into()),
            continues: false,
            group: 0,
        }
    }

    fn p(file: &str, start: i64, end: i64, speaker: &str) -> Pred {
        Pred {
            file: (file != "?").then(|| file.to_owned()),
            raw_file: file.into(),
            start,
            end,
            speaker: speaker.into(),
        }
    }

    fn gold() -> Gold {
        let mut gold = Gold::new();
        gold.insert(
            "docs/a.txt".into(),
            vec![
                g(1, 13, "Vladimir Putin", "named", "direct"),
                g(43, 55, "", "unresolved", "direct"),
            ],
        );
        gold.insert(
            "docs/b.txt".into(),
            vec![
                g(31, 41, "", "nominal", "mixed"),
                g(50, 57, "", "nominal", "mixed"),
                g(80, 91, "", "nominal", "direct"),
            ],
        );
        gold
    }

    fn perfect() -> Vec<Pred> {
        gold()
            .iter()
            .flat_map(|(f, gs)| {
                gs.iter().map(|q| p(f, q.start, q.end, &q.speaker))
            })
            .collect()
    }

    #[test]
    fn overlap() {
        assert_eq!(iou((0, 10), (0, 10)), 1.0);
        assert_eq!(iou((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(iou((3, 3), (3, 3)), 1.0);
        assert_eq!(iou((0, 3), (3, 6)), 0.0);
    }

    #[test]
    fn perfect_predictions() {
        let (s, err) = score(&gold(), &perfect(), "all", false);
        assert_eq!(s.quote, Prf { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert_eq!(s.counts.exact, 5);
        assert_eq!(s.accuracy, 1.0);
        assert_eq!(s.end_to_end.f1, 1.0);
        assert_eq!(s.counts.e2e_gold, 4);
        assert_eq!(s.counts.unresolved_pred, 1);
        assert_eq!(err, Errors::default());
    }

    #[test]
    fn partial_overlap_duplicates_and_unknown_files() {
        let mut preds = perfect();
        preds[0].end -= 1; // 11/12: matched, not exact
        preds.push(preds[4].clone()); // a duplicate: a false alarm
        preds.push(p("?", 0, 4, "")); // not a gold file
        let (s, err) = score(&gold(), &preds, "all", false);
        assert_eq!((s.counts.matched, s.counts.exact), (5, 4));
        assert_eq!(s.counts.pred, 7);
        assert_eq!(s.counts.unknown_file_pred, 1);
        assert_eq!(err.false_alarm.len(), 2);
        assert_eq!(err.false_alarm[1].file, None);
        preds[0].end = 6; // 5/12: a miss and a false alarm
        let (s, err) = score(&gold(), &preds, "all", false);
        assert_eq!(s.counts.matched, 4);
        assert_eq!(err.miss.len(), 1);
    }

    #[test]
    fn speakers() {
        let mut preds = perfect();
        preds[0].speaker = "President Putin".into();
        preds[1].speaker = "Anyone".into(); // unresolved: not judged
        preds[4].speaker = "A source".into(); // nominal: must be empty
        let (s, err) = score(&gold(), &preds, "all", false);
        assert_eq!(s.accuracy, 1.0);
        assert_eq!(s.end_to_end.recall, 3.0 / 4.0);
        assert_eq!(err.wrong_speaker.len(), 1);
        preds[0].speaker = String::new();
        let (s, _) = score(&gold(), &preds, "all", true);
        assert_eq!(s.counts.attr_empty, 0);
        assert_eq!(s.counts.pred, 2);
        let (s, _) = score(&gold(), &preds, "all", false);
        assert_eq!((s.counts.attr_empty, s.accuracy), (1, 0.0));
    }

    #[test]
    fn kinds() {
        let mut preds = perfect();
        preds.push(p("docs/b.txt", 0, 5, ""));
        let (s, _) = score(&gold(), &preds, "mixed", false);
        assert_eq!((s.counts.gold, s.counts.matched), (2, 2));
        assert_eq!(s.counts.ignored_pred, 3);
        assert_eq!(s.counts.pred, 3);
        assert_eq!(s.by_kind.len(), 1);
        let (s, _) = score(&gold(), &preds, "all", false);
        assert_eq!(s.by_kind[&Some("direct".to_owned())], (3, 3));
    }

    #[test]
    fn running_quotations_may_be_one_prediction() {
        let mut gold = Gold::new();
        let mut first = g(0, 10, "Ann", "named", "direct");
        first.continues = true;
        let mut second = g(12, 20, "Ann", "named", "direct");
        second.group = 0;
        let third =
            GoldQuote { group: 1, ..g(22, 30, "Bo", "named", "direct") };
        gold.insert("a".into(), vec![first, second, third]);
        // One span over both pieces: two predictions, both right.
        let (s, _) = score(&gold, &[p("a", 0, 20, "Ann")], "all", false);
        assert_eq!((s.counts.matched, s.counts.pred), (2, 2));
        // Over pieces of two quotations: one prediction, no match.
        let (s, _) = score(&gold, &[p("a", 12, 30, "Ann")], "all", false);
        assert_eq!((s.counts.matched, s.counts.pred), (0, 1));
    }
}
