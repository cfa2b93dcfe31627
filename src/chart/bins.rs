//! Histogram bins with round edges: whole numbers get one bin per value when the
//! range is small; otherwise widths of 1, 2 or 5 times a power of ten.

use super::{axis_number, years};

/// One histogram bin, `[start, end)` (the last bin includes its end).
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// Lower edge.
    pub start: f64,
    /// Upper edge.
    pub end: f64,
    /// Values inside.
    pub count: usize,
    /// What the axis shows, e.g. `10–20` or `3`.
    pub label: String,
}

/// Count `values` into bins. `wanted` is the lesson's `bins`; without it the
/// count comes from Sturges' rule, between 5 and 20.
pub fn histogram(values: &[f64], wanted: Option<usize>) -> Vec<Bin> {
    let weighted: Vec<(f64, usize)> = values.iter().map(|v| (*v, 1)).collect();
    histogram_weighted(&weighted, wanted)
}

/// [`histogram`] of values each seen some number of times: `(3.0, 2)` counts as
/// two values of 3. Gives the bins the values written out one by one give.
pub fn histogram_weighted(values: &[(f64, usize)], wanted: Option<usize>) -> Vec<Bin> {
    let finite: Vec<(f64, usize)> = values
        .iter()
        .copied()
        .filter(|(v, n)| v.is_finite() && *n > 0)
        .collect();
    let (Some(lo), Some(hi)) = (
        finite.iter().map(|p| p.0).reduce(f64::min),
        finite.iter().map(|p| p.0).reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let whole = finite.iter().all(|(v, _)| v.fract() == 0.0);
    let years = years(lo, hi, whole);
    let short_number = |v: f64| axis_number(v, years);
    let total: usize = finite.iter().map(|p| p.1).sum();
    let target = wanted
        .unwrap_or_else(|| ((total as f64).log2().ceil() as usize + 1).clamp(5, 20))
        .clamp(1, 100);
    if whole && hi - lo < 30.0 && wanted.is_none_or(|w| w as f64 > hi - lo) {
        let n = (hi - lo) as usize + 1;
        let mut bins: Vec<Bin> = (0..n)
            .map(|i| {
                let v = lo + i as f64;
                Bin {
                    start: v,
                    end: v + 1.0,
                    count: 0,
                    label: short_number(v),
                }
            })
            .collect();
        for (v, k) in &finite {
            bins[(v - lo) as usize].count += k;
        }
        return bins;
    }
    let raw = ((hi - lo) / target as f64).max(f64::MIN_POSITIVE);
    let width = nice_width(raw, whole);
    let start = (lo / width).floor() * width;
    let n = (((hi - start) / width).floor() as usize + 1).max(1);
    let mut bins: Vec<Bin> = (0..n)
        .map(|i| {
            let a = start + i as f64 * width;
            let b = a + width;
            let label = if whole && width == 1.0 {
                short_number(a)
            } else if whole {
                format!("{}–{}", short_number(a), short_number(b - 1.0))
            } else {
                format!("{}–{}", short_number(a), short_number(b))
            };
            Bin {
                start: a,
                end: b,
                count: 0,
                label,
            }
        })
        .collect();
    for (v, k) in &finite {
        let i = (((v - start) / width).floor() as usize).min(n - 1);
        bins[i].count += k;
    }
    bins
}

fn nice_width(raw: f64, whole: bool) -> f64 {
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let step = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    let w = step * p;
    if whole { w.max(1.0).round() } else { w }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_whole_numbers_get_one_bin_each() {
        let bins = histogram(&[0.0, 1.0, 1.0, 3.0], None);
        let labels: Vec<&str> = bins.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["0", "1", "2", "3"]);
        let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, [1, 2, 0, 1]);
    }

    #[test]
    fn wide_ranges_get_round_edges_and_every_value_counted() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * 0.37 + 3.0).collect();
        let bins = histogram(&values, None);
        assert!(bins.len() >= 5 && bins.len() <= 25, "{} bins", bins.len());
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 1000);
        let w = bins[0].end - bins[0].start;
        assert!([10.0, 20.0, 50.0].contains(&w), "width {w}");
        assert_eq!(bins[0].start % w, 0.0);
    }

    #[test]
    fn asked_for_bins_are_respected_roughly() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let bins = histogram(&values, Some(10));
        assert_eq!(bins.len(), 10);
        assert_eq!(bins[0].label, "0–9");
    }

    #[test]
    fn weighted_values_give_the_bins_of_the_values_written_out() {
        let weighted = [(1.5, 3), (7.25, 1), (40.0, 2), (3.0, 0), (f64::NAN, 4)];
        let written: Vec<f64> = [1.5, 1.5, 1.5, 7.25, 40.0, 40.0].to_vec();
        assert_eq!(
            histogram_weighted(&weighted, None),
            histogram(&written, None)
        );
        let whole = [(1990.0, 5), (1991.0, 0), (1995.0, 2)];
        let bins = histogram_weighted(&whole, None);
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 7);
        assert_eq!(bins.len(), 6);
    }

    #[test]
    fn no_values_no_bins() {
        assert!(histogram(&[], None).is_empty());
        assert!(histogram(&[f64::NAN], None).is_empty());
    }
}
