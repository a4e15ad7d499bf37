//! One sort for the whole crate (WASM size, issue 2). `slice::sort_by_key` is compiled again for
//! every element type and every key closure (~4-5 KB of WASM each); this sorts `(key, index)`
//! pairs with a single instantiation and moves the elements into that order. The index makes
//! every key distinct, so the result is exactly that of a stable sort by `key`.

/// Up to three sort keys, compared in order (use 0 for the unused ones).
pub type Key = (usize, usize, usize);

/// Sorts `v` by `key`, stably (elements with equal keys keep their order).
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> Key) {
    if v.len() < 2 {
        return;
    }
    let mut keyed: Vec<(Key, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    sort_keyed(&mut keyed);
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    permute(v, &mut order);
}

#[inline(never)]
fn sort_keyed(keyed: &mut [(Key, usize)]) {
    keyed.sort_unstable();
}

/// Puts `v[order[k]]` at position `k`, following each cycle of the permutation once (`order` is
/// used up as the "done" mark).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    let done = usize::MAX;
    for start in 0..v.len() {
        if order[start] == done {
            continue;
        }
        let mut at = start;
        loop {
            let next = order[at];
            order[at] = done;
            if next == start {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Many equal keys, so stability shows; a simple generator, so no crate is needed.
        let mut seed = 12345u64;
        for len in [0usize, 1, 2, 3, 7, 20, 100, 1000] {
            let v: Vec<(usize, usize, u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 33) as usize % 5, (seed >> 40) as usize % 3, i as u32)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| (x.0, x.1, 0));
            let mut std = v.clone();
            std.sort_by_key(|x| (x.0, x.1));
            assert_eq!(ours, std, "len {len}");
        }
    }
}
