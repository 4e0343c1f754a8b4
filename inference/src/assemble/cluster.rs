//! Grouping takes into setups.
//!
//! Precedence: the **override file** > **name conventions** > **visual similarity**.
//!
//! 1. Takes listed in the override file form the groups it names; takes whose names
//!    carry a setup key ([`super::naming`]) form one group per key. An override group
//!    named like a setup key is the same group (that is how a mislabelled take is
//!    moved into its setup). Two different keys are never merged.
//! 2. Average-linkage agglomerative clustering on [`similarity`] then merges groups
//!    while the most similar allowed pair is at least the threshold: a take without
//!    setup information joins the group (named or not) it looks like, or forms a new
//!    group with takes like it. Not allowed: merging two keyed groups, growing a
//!    group that only the override file formed (it is exactly what the file says),
//!    and mixing clips of different cameras (camera-roll names `A…`/`B…`).
//!
//! Deterministic: similarities are computed in a fixed order, the best pair is taken
//! with ties going to the lowest indices, and the result does not depend on thread
//! count or timing.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::descriptor::{similarity, Descriptor};
use super::naming::NameInfo;
use super::natural::natural_cmp;

/// Default similarity threshold for merging groups. Measured on 18 takes cut from
/// the sample clips (6 setups × 3 takes: bikes.mp4's first five shots and
/// bigbuckbunny.mp4, degraded by blur, noise, shake by moving crops, a black head or
/// a brightness/contrast change, overlapping spans 2–40 frames apart; the ignored
/// test `grouping_accuracy_on_eighteen_neutral_takes` in `tests/cli_assemble.rs`):
/// same-setup pairs scored 0.63–0.98 (mean 0.89), different setups 0.15–0.55 (mean
/// 0.37); with 26–40-frame takes 0.71–0.97 against 0.16–0.53. The threshold sits
/// between the two; the weakest same-setup pair is a take with brighter exposure
/// (the colour histogram is not exposure-normalised).
pub const DEFAULT_THRESHOLD: f32 = 0.62;

/// What grouping knows about one take.
#[derive(Debug, Clone)]
pub struct GroupInput {
    /// Take name (file stem, unique).
    pub name: String,
    /// Group named for it by the override file.
    pub override_group: Option<String>,
    /// What its name says.
    pub naming: NameInfo,
    /// Its visual descriptor (none when it could not be computed).
    pub descriptor: Option<Descriptor>,
}

/// Why a take is in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    /// The override file put it there.
    Override,
    /// Its name's setup key.
    Name,
    /// It looked like the group (visual similarity).
    Visual,
    /// It is alone in its group (nothing else matched).
    Alone,
}

/// A group of takes of one setup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakeGroup {
    /// Group name: the override group or setup key, else the first take's name
    /// (natural order); unique.
    pub name: String,
    /// Member take indices (into the inputs), in natural name order, with why each is in.
    pub members: Vec<(usize, Membership)>,
}

/// The grouping of a set of takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// Groups, in order of their first member's input index.
    pub groups: Vec<TakeGroup>,
    /// Pairwise similarity of the takes (0..1; 0 where a descriptor is missing;
    /// 1 on the diagonal).
    pub similarity: Vec<Vec<f32>>,
}

#[derive(Debug)]
struct Cluster {
    members: Vec<usize>,
    key: Option<String>,
    /// Formed only by the override file: takes no joiners.
    closed: bool,
    cameras: BTreeSet<char>,
}

fn pairwise(inputs: &[GroupInput]) -> Vec<Vec<f32>> {
    let n = inputs.len();
    let mut s = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        s[i][i] = 1.0;
        for j in i + 1..n {
            if let (Some(a), Some(b)) = (&inputs[i].descriptor, &inputs[j].descriptor) {
                let v = similarity(a, b);
                s[i][j] = v;
                s[j][i] = v;
            }
        }
    }
    s
}

fn linkage(s: &[Vec<f32>], a: &Cluster, b: &Cluster) -> f32 {
    let mut sum = 0.0f64;
    for &i in &a.members {
        for &j in &b.members {
            sum += f64::from(s[i][j]);
        }
    }
    (sum / (a.members.len() * b.members.len()) as f64) as f32
}

fn may_merge(a: &Cluster, b: &Cluster) -> bool {
    let both_keyed = a.key.is_some() && b.key.is_some();
    let one_camera = a.cameras.union(&b.cameras).count() <= 1;
    !(both_keyed || a.closed || b.closed) && one_camera
}

/// Groups `inputs` (see the module docs); `threshold` is the least average
/// similarity at which two groups merge.
pub fn group_takes(inputs: &[GroupInput], threshold: f32) -> Grouping {
    let s = pairwise(inputs);
    let mut clusters: Vec<Cluster> = Vec::new();
    for (i, t) in inputs.iter().enumerate() {
        let key = t.override_group.clone().or_else(|| t.naming.setup.clone());
        let found = key
            .as_ref()
            .and_then(|k| clusters.iter().position(|c| c.key.as_ref() == Some(k)));
        match found {
            Some(c) => {
                let c = &mut clusters[c];
                c.members.push(i);
                c.closed &= t.override_group.is_some();
                c.cameras.extend(t.naming.camera);
            }
            None => clusters.push(Cluster {
                members: vec![i],
                closed: t.override_group.is_some(),
                key,
                cameras: t.naming.camera.into_iter().collect(),
            }),
        }
    }
    // Average linkage, best allowed pair first, until none reaches the threshold.
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                if !may_merge(&clusters[a], &clusters[b]) {
                    continue;
                }
                let v = linkage(&s, &clusters[a], &clusters[b]);
                if v >= threshold && best.is_none_or(|(bv, _, _)| v > bv) {
                    best = Some((v, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let gone = clusters.remove(b);
        let c = &mut clusters[a];
        c.members.extend(gone.members);
        c.members.sort_unstable();
        c.key = c.key.take().or(gone.key);
        c.cameras.extend(gone.cameras);
    }
    let mut used: Vec<String> = clusters.iter().filter_map(|c| c.key.clone()).collect();
    let groups = clusters
        .into_iter()
        .map(|c| {
            let mut members: Vec<(usize, Membership)> = c
                .members
                .iter()
                .map(|&i| {
                    let t = &inputs[i];
                    let why = if t.override_group.is_some() {
                        Membership::Override
                    } else if t.naming.setup.is_some() {
                        Membership::Name
                    } else if c.members.len() > 1 {
                        Membership::Visual
                    } else {
                        Membership::Alone
                    };
                    (i, why)
                })
                .collect();
            members.sort_by(|a, b| natural_cmp(&inputs[a.0].name, &inputs[b.0].name));
            let name = match c.key {
                Some(k) => k,
                None => {
                    let base = inputs[members[0].0].name.clone();
                    let mut name = base.clone();
                    let mut k = 2;
                    while used.contains(&name) {
                        name = format!("{base} ({k})");
                        k += 1;
                    }
                    used.push(name.clone());
                    name
                }
            };
            TakeGroup { name, members }
        })
        .collect();
    Grouping {
        groups,
        similarity: s,
    }
}

#[cfg(test)]
mod tests {
    use super::super::naming::parse_name;
    use super::*;

    /// A descriptor whose similarity to others is controlled by `pattern`: takes
    /// with the same pattern are identical, different patterns are orthogonal.
    fn desc(pattern: usize) -> Descriptor {
        let mut t = vec![0.0f32; 144];
        t[2 * pattern] = std::f32::consts::FRAC_1_SQRT_2;
        t[2 * pattern + 1] = -std::f32::consts::FRAC_1_SQRT_2;
        let mut h = vec![0.0f32; super::super::descriptor::HIST_BINS];
        h[pattern] = 1.0;
        Descriptor {
            thumbnails: vec![t],
            histogram: h,
        }
    }

    fn input(name: &str, pattern: Option<usize>, over: Option<&str>) -> GroupInput {
        GroupInput {
            name: name.into(),
            override_group: over.map(str::to_string),
            naming: parse_name(name),
            descriptor: pattern.map(desc),
        }
    }

    fn names(g: &Grouping, inputs: &[GroupInput]) -> Vec<(String, Vec<String>)> {
        g.groups
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.members.iter().map(|m| inputs[m.0].name.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn names_then_looks_then_alone() {
        let inputs = vec![
            input("12A_T1", Some(0), None),
            input("12A_T2", Some(0), None),
            input("clipX", Some(0), None), // looks like 12A (and 12B): joins the first
            input("clipY", Some(3), None),
            input("clipZ", Some(3), None),
            input("12B_T1", Some(0), None), // looks like 12A, named otherwise: kept apart
            input("lonely", Some(5), None),
        ];
        let g = group_takes(&inputs, 0.7);
        let n = names(&g, &inputs);
        assert_eq!(
            n,
            vec![
                (
                    "12A".to_string(),
                    vec!["12A_T1".into(), "12A_T2".into(), "clipX".into()]
                ),
                ("clipY".to_string(), vec!["clipY".into(), "clipZ".into()]),
                ("12B".to_string(), vec!["12B_T1".to_string()]),
                ("lonely".to_string(), vec!["lonely".to_string()]),
            ]
        );
        assert_eq!(g.groups[0].members[2].1, Membership::Visual);
        assert_eq!(g.groups[3].members[0].1, Membership::Alone);
    }

    #[test]
    fn override_wins_and_closes_its_group() {
        let inputs = vec![
            input("12A_T1", Some(0), None),
            input("12A_T2", Some(0), Some("7")), // moved out of 12A
            input("clipX", Some(0), Some("12A")), // listed into 12A
            input("clipY", Some(0), None),       // looks like 7 but 7 is closed: joins 12A
        ];
        let g = group_takes(&inputs, 0.7);
        let n = names(&g, &inputs);
        assert_eq!(
            n[0],
            (
                "12A".to_string(),
                vec!["12A_T1".into(), "clipX".into(), "clipY".into()]
            )
        );
        assert_eq!(n[1], ("7".to_string(), vec!["12A_T2".to_string()]));
        assert_eq!(g.groups[1].members[0].1, Membership::Override);
    }

    #[test]
    fn cameras_do_not_mix_and_unkeyed_names_stay_unique() {
        let inputs = vec![
            input("A001_C001", Some(0), None),
            input("A001_C002", Some(0), None),
            input("B001_C001", Some(0), None),
            input("X", Some(4), Some("A001_C001")),
        ];
        let g = group_takes(&inputs, 0.7);
        let n = names(&g, &inputs);
        assert_eq!(n[0].1, vec!["A001_C001".to_string(), "A001_C002".into()]);
        assert_eq!(n[1].1, vec!["B001_C001".to_string()]);
        // An unkeyed group never takes a name the override file uses.
        assert_eq!(n[0].0, "A001_C001 (2)");
        assert_eq!(n[2].0, "A001_C001");
    }

    #[test]
    fn same_input_same_grouping() {
        let inputs: Vec<GroupInput> = (0..8)
            .map(|i| input(&format!("c{i}"), Some(i % 3), None))
            .collect();
        assert_eq!(group_takes(&inputs, 0.7), group_takes(&inputs, 0.7));
        assert_eq!(group_takes(&inputs, 0.7).groups.len(), 3);
    }
}
