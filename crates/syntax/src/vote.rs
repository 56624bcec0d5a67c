//! Parser combination by reparsing (Sagae and Lavie 2006): several parsers' trees of one
//! sentence vote for arcs, each with its weight, and the tree with the largest total
//! weight is found with the Chu-Liu-Edmonds maximum spanning arborescence algorithm.
//! Parsers that read the sentence in different directions make different mistakes, so
//! the combined tree is better than the best of them.
//!
//! Hand-written: the graphs are tiny (at most a few arcs per word, those the parsers
//! proposed) and no crate offers a maximum arborescence with the one-root constraint.

/// One parser's tree: for each word, its head (`None` for the root) and label index.
pub type Tree = Vec<(Option<usize>, u16)>;

/// An arc of the vote graph: nodes are 0 (the artificial root) and words 1..=n.
#[derive(Debug, Clone, Copy)]
struct Arc {
    head: usize,
    dep: usize,
    weight: f64,
    /// Index of the arc in the original graph (kept through contractions).
    id: usize,
}

/// Combines the trees of one sentence of `n` words, each with a positive weight, into
/// the single-rooted tree whose arcs have the largest total weight. Each word's label is
/// the one its chosen arc got most weight for. Every tree must have `n` entries.
///
/// A run-on "sentence" of more than [`crate::parser::MAX_BEAM_WORDS`] words (scraped text
/// without stops) takes the tree of most weight as it is: the search contracts one cycle
/// at a time, and on thousands of words where the parsers disagree that costs minutes.
pub fn combine(n: usize, trees: &[(&Tree, f32)]) -> Tree {
    if n == 0 || trees.is_empty() {
        return Vec::new();
    }
    if n > crate::parser::MAX_BEAM_WORDS {
        let heaviest = trees
            .iter()
            .fold(&trees[0], |best, t| if t.1 > best.1 { t } else { best });
        return heaviest.0.clone();
    }
    // Arcs proposed by any tree, their weights summed, in the order first proposed; each
    // word's arcs are found through `into` (a few per word) rather than a search of all.
    let mut arcs: Vec<Arc> = Vec::new();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for (tree, weight) in trees {
        for (d, &(h, _)) in tree.iter().enumerate() {
            let head = h.map_or(0, |h| h + 1);
            let dep = d + 1;
            match into[dep].iter().find(|&&k| arcs[k].head == head) {
                Some(&k) => arcs[k].weight += f64::from(*weight),
                None => {
                    into[dep].push(arcs.len());
                    arcs.push(Arc {
                        head,
                        dep,
                        weight: f64::from(*weight),
                        id: arcs.len(),
                    });
                }
            }
        }
    }
    // One root: every arc from the root costs more than all other arcs together are
    // worth, so the best tree uses as few of them as possible, that is one.
    let total: f64 = arcs.iter().map(|a| a.weight).sum();
    let penalized: Vec<Arc> = arcs
        .iter()
        .map(|a| Arc {
            weight: if a.head == 0 {
                a.weight - 2.0 * total - 1.0
            } else {
                a.weight
            },
            ..*a
        })
        .collect();
    let chosen = arborescence(n + 1, &penalized);
    (1..=n)
        .map(|dep| {
            let arc = arcs[chosen[dep]];
            let mut label: Option<(f32, u16)> = None;
            let mut tally: Vec<(u16, f32)> = Vec::new();
            for (tree, weight) in trees {
                let (h, l) = tree[dep - 1];
                if h.map_or(0, |h| h + 1) == arc.head {
                    match tally.iter_mut().find(|(x, _)| *x == l) {
                        Some(t) => t.1 += weight,
                        None => tally.push((l, *weight)),
                    }
                }
            }
            for (l, w) in tally {
                if label.is_none_or(|(best, _)| w > best) {
                    label = Some((w, l));
                }
            }
            let head = (arc.head > 0).then(|| arc.head - 1);
            (head, label.map_or(0, |(_, l)| l))
        })
        .collect()
}

/// Maximum spanning arborescence rooted at node 0 of a graph with `nodes` nodes, in which
/// every node other than 0 has an incoming arc: for each node, the id of its chosen arc
/// (entry 0 unused). Ties go to the arc listed first.
fn arborescence(nodes: usize, arcs: &[Arc]) -> Vec<usize> {
    // The best incoming arc of each node.
    let mut best: Vec<Option<Arc>> = vec![None; nodes];
    for a in arcs {
        if a.dep != 0 && a.head != a.dep && best[a.dep].is_none_or(|b| a.weight > b.weight) {
            best[a.dep] = Some(*a);
        }
    }
    let Some(cycle) = find_cycle(&best) else {
        return best.iter().map(|b| b.map_or(0, |a| a.id)).collect();
    };
    // Contract the cycle into one node, numbered `nodes - cycle.len()`; the other nodes
    // keep their order.
    let mut in_cycle = vec![false; nodes];
    for &v in &cycle {
        in_cycle[v] = true;
    }
    let mut new_id = vec![0usize; nodes];
    let mut next = 0;
    for v in 0..nodes {
        if !in_cycle[v] {
            new_id[v] = next;
            next += 1;
        }
    }
    let c = next;
    for &v in &cycle {
        new_id[v] = c;
    }
    let mut contracted: Vec<Arc> = Vec::with_capacity(arcs.len());
    // Which original arc each contracted arc stands for.
    let mut origin: Vec<Arc> = Vec::with_capacity(arcs.len());
    for a in arcs {
        if in_cycle[a.head] && in_cycle[a.dep] {
            continue;
        }
        let weight = if in_cycle[a.dep] {
            // Entering the cycle at `dep` breaks the cycle's arc into `dep`.
            let replaced = best[a.dep].expect("a node on a cycle has an incoming arc");
            a.weight - replaced.weight
        } else {
            a.weight
        };
        contracted.push(Arc {
            head: new_id[a.head],
            dep: new_id[a.dep],
            weight,
            id: origin.len(),
        });
        origin.push(*a);
    }
    let sub = arborescence(c + 1, &contracted);
    let mut chosen: Vec<usize> = best.iter().map(|b| b.map_or(0, |a| a.id)).collect();
    for v in 0..nodes {
        if v == 0 || in_cycle[v] {
            continue;
        }
        chosen[v] = origin[sub[new_id[v]]].id;
    }
    let entering = origin[sub[c]];
    chosen[entering.dep] = entering.id;
    chosen
}

/// A cycle of the best-incoming-arc graph, if there is one.
fn find_cycle(best: &[Option<Arc>]) -> Option<Vec<usize>> {
    let n = best.len();
    // 0: not visited, 1: on the current path, 2: done.
    let mut mark = vec![0u8; n];
    for start in 1..n {
        let mut path = Vec::new();
        let mut v = start;
        while v != 0 && mark[v] == 0 {
            mark[v] = 1;
            path.push(v);
            match best[v] {
                Some(a) => v = a.head,
                None => break,
            }
        }
        if v != 0 && mark[v] == 1 {
            let at = path.iter().position(|&p| p == v).expect("on the path");
            return Some(path[at..].to_vec());
        }
        for p in path {
            mark[p] = 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(t: &Tree) -> Vec<Option<usize>> {
        t.iter().map(|(h, _)| *h).collect()
    }

    #[test]
    fn the_majority_wins_each_arc() {
        // "She saw him": saw is the root.
        let a: Tree = vec![(Some(1), 1), (None, 0), (Some(1), 2)];
        let b: Tree = vec![(Some(1), 1), (None, 0), (Some(0), 3)];
        let c: Tree = vec![(Some(1), 4), (None, 0), (Some(1), 2)];
        let t = combine(3, &[(&a, 1.0), (&b, 1.0), (&c, 1.0)]);
        assert_eq!(heads(&t), [Some(1), None, Some(1)]);
        // Label: two trees say 1 for the first word, one says 4.
        assert_eq!(t[0].1, 1);
        assert_eq!(t[2].1, 2);
    }

    #[test]
    fn a_run_on_sentence_takes_the_heaviest_tree_whole() {
        // Past the beam's limit no arc is voted: two light trees that agree do not
        // outvote the heaviest one, as they would below it.
        let n = crate::parser::MAX_BEAM_WORDS + 1;
        let chain = |root: usize, label: u16| -> Tree {
            (0..n)
                .map(|d| (if d == root { None } else { Some(root) }, label))
                .collect()
        };
        let (heavy, light) = (chain(0, 1), chain(n - 1, 2));
        let t = combine(n, &[(&light, 1.0), (&heavy, 1.5), (&light, 1.0)]);
        assert_eq!(t, heavy);
        // Below it, the two light trees win every arc.
        let heavy: Tree = vec![(None, 1), (Some(0), 1), (Some(0), 1)];
        let light: Tree = vec![(Some(2), 2), (Some(2), 2), (None, 2)];
        let t = combine(3, &[(&light, 1.0), (&heavy, 1.5), (&light, 1.0)]);
        assert_eq!(t, light);
    }

    #[test]
    fn weights_decide_between_two_trees() {
        let a: Tree = vec![(None, 0), (Some(0), 1)];
        let b: Tree = vec![(Some(1), 2), (None, 0)];
        assert_eq!(heads(&combine(2, &[(&a, 1.0), (&b, 2.0)])), [Some(1), None]);
        assert_eq!(heads(&combine(2, &[(&a, 2.0), (&b, 1.0)])), [None, Some(0)]);
    }

    #[test]
    fn votes_that_form_a_cycle_are_broken_into_a_tree() {
        // Arcs 1←2 and 2←1 both get the most votes; the result must still be a tree.
        let a: Tree = vec![(Some(1), 0), (Some(0), 0), (None, 0)];
        let b: Tree = vec![(Some(1), 0), (Some(0), 0), (None, 0)];
        let c: Tree = vec![(Some(2), 0), (Some(2), 0), (None, 0)];
        let t = combine(3, &[(&a, 1.0), (&b, 1.0), (&c, 1.5)]);
        assert_single_rooted_tree(&t);
        assert_eq!(t[2].0, None);
        // The cycle costs the least when the arc with the fewest votes is broken: word 0 or
        // word 1 hangs on word 2 (1.5 votes) instead of on the other (2 votes).
        let onto_root = t.iter().filter(|(h, _)| *h == Some(2)).count();
        assert_eq!(onto_root, 1);
    }

    #[test]
    fn there_is_one_root_even_when_the_votes_want_two() {
        let a: Tree = vec![(None, 0), (None, 0), (Some(1), 0)];
        let b: Tree = vec![(None, 0), (Some(0), 0), (Some(1), 0)];
        let t = combine(3, &[(&a, 2.0), (&b, 1.0)]);
        assert_single_rooted_tree(&t);
        assert_eq!(heads(&t), [None, Some(0), Some(1)]);
    }

    /// One root, and every word reaches it (no word is its own head, no cycle).
    fn is_single_rooted_tree(t: &Tree) -> bool {
        t.iter().filter(|(h, _)| h.is_none()).count() == 1
            && (0..t.len()).all(|start| {
                let mut v = start;
                for _ in 0..=t.len() {
                    match t[v].0 {
                        Some(h) => v = h,
                        None => return true,
                    }
                }
                false
            })
    }

    fn assert_single_rooted_tree(t: &Tree) {
        assert!(is_single_rooted_tree(t), "not a single-rooted tree: {t:?}");
    }

    /// A random tree of `n` words: each word after the first hangs on an earlier one, then
    /// the words are permuted.
    fn random_tree(rng: &mut crate::Rng, n: usize) -> Tree {
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        let mut t = vec![(None, 0u16); n];
        for k in 1..n {
            let h = order[(rng.unit() * k as f64) as usize];
            t[order[k]] = (Some(h), 0);
        }
        t
    }

    /// Total vote weight of a tree's arcs.
    fn weight(t: &Tree, trees: &[(&Tree, f32)]) -> f32 {
        let mut w = 0.0;
        for (d, (h, _)) in t.iter().enumerate() {
            for (other, x) in trees {
                if other[d].0 == *h {
                    w += x;
                }
            }
        }
        w
    }

    #[test]
    fn the_combined_tree_is_the_heaviest_single_rooted_tree() {
        // Brute force over every head assignment of up to 5 words.
        let mut rng = crate::Rng::new(11);
        for n in 1..=5usize {
            for _ in 0..40 {
                let trees: Vec<Tree> = (0..3).map(|_| random_tree(&mut rng, n)).collect();
                let weighted: Vec<(&Tree, f32)> = trees.iter().zip([1.0, 1.25, 0.5]).collect();
                let got = combine(n, &weighted);
                assert_single_rooted_tree(&got);
                let mut best = 0.0f32;
                let mut heads = vec![0usize; n]; // 0 = root, k = word k-1
                loop {
                    let t: Tree = heads.iter().map(|&h| ((h > 0).then(|| h - 1), 0)).collect();
                    if is_single_rooted_tree(&t) {
                        best = best.max(weight(&t, &weighted));
                    }
                    // Next assignment.
                    let mut i = 0;
                    while i < n && heads[i] == n {
                        heads[i] = 0;
                        i += 1;
                    }
                    if i == n {
                        break;
                    }
                    heads[i] += 1;
                }
                assert!(
                    (weight(&got, &weighted) - best).abs() < 1e-4,
                    "n {n}: {got:?}"
                );
            }
        }
    }

    #[test]
    fn random_trees_always_combine_into_a_single_rooted_tree() {
        let mut rng = crate::Rng::new(7);
        for n in 1..30 {
            let trees: Vec<Tree> = (0..4).map(|_| random_tree(&mut rng, n)).collect();
            let weighted: Vec<(&Tree, f32)> = trees.iter().zip([1.0, 1.5, 0.7, 1.0]).collect();
            assert_single_rooted_tree(&combine(n, &weighted));
        }
    }
}
