//! The lexicon's phrases in one tree, word by word, so that finding the longest phrase at a place in a
//! text walks only the phrases that still fit, whatever the size of the lexicon.

use rustc_hash::FxHashMap;

use super::compile::Elem;
use super::text::{StemId, Token};

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Default)]
struct Node {
    words: FxHashMap<StemId, u32>,
    any: Option<u32>,
    gap: Option<u32>,
    number: Option<u32>,
    /// The concepts of the phrases that end here.
    ends: Vec<usize>,
}

/// The phrase tree. The root's children are found by stem number directly.
#[derive(Debug, Clone, Default)]
pub(super) struct Trie {
    nodes: Vec<Node>,
    roots: Vec<u32>,
    number_root: Option<u32>,
}

/// The longest match found from one place: where it ends, and every concept of the phrases ending there.
#[derive(Debug, Default)]
pub(super) struct Longest {
    pub end: usize,
    pub concepts: Vec<usize>,
}

impl Trie {
    fn node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        u32::try_from(self.nodes.len() - 1).unwrap_or(NONE)
    }

    fn child(&mut self, from: u32, elem: &Elem) -> u32 {
        let existing = {
            let n = &self.nodes[from as usize];
            match elem {
                Elem::Word(w) => n.words.get(w).copied(),
                Elem::Any => n.any,
                Elem::Gap => n.gap,
                Elem::Number => n.number,
            }
        };
        if let Some(c) = existing {
            return c;
        }
        let c = self.node();
        let n = &mut self.nodes[from as usize];
        match elem {
            Elem::Word(w) => {
                n.words.insert(*w, c);
            }
            Elem::Any => n.any = Some(c),
            Elem::Gap => n.gap = Some(c),
            Elem::Number => n.number = Some(c),
        }
        c
    }

    /// Gives back the room the nodes grew into while the phrases went in.
    pub fn shrink_to_fit(&mut self) {
        for node in &mut self.nodes {
            node.words.shrink_to_fit();
            node.ends.shrink_to_fit();
        }
        self.nodes.shrink_to_fit();
        self.roots.shrink_to_fit();
    }

    /// Adds a phrase (which starts with a word or a number) for `concepts`.
    pub fn insert(&mut self, elems: &[Elem], concepts: &[usize], stems: usize) {
        if self.roots.len() < stems {
            self.roots.resize(stems, NONE);
        }
        let Some((first, rest)) = elems.split_first() else { return };
        let mut at = match first {
            Elem::Word(w) => {
                let slot = *w as usize;
                if self.roots.len() <= slot {
                    self.roots.resize(slot + 1, NONE);
                }
                if self.roots[slot] == NONE {
                    self.roots[slot] = self.node();
                }
                self.roots[slot]
            }
            _ => match self.number_root {
                Some(n) => n,
                None => {
                    let n = self.node();
                    self.number_root = Some(n);
                    n
                }
            },
        };
        for elem in rest {
            at = self.child(at, elem);
        }
        let ends = &mut self.nodes[at as usize].ends;
        for c in concepts {
            if !ends.contains(c) {
                ends.push(*c);
            }
        }
    }

    /// The longest phrase starting at `at`, into `best` (whose room is kept from one place to the next);
    /// false if none starts there.
    pub fn longest(&self, tokens: &[Token], at: usize, best: &mut Longest) -> bool {
        best.end = 0;
        best.concepts.clear();
        let Some(token) = tokens.get(at) else { return false };
        if let Some(&root) = self.roots.get(token.stem as usize).filter(|&&r| r != NONE) {
            self.walk(root, tokens, at + 1, token.sentence, best);
        }
        if token.number {
            if let Some(root) = self.number_root {
                self.walk(root, tokens, at + 1, token.sentence, best);
            }
        }
        best.end > at
    }

    fn walk(&self, node: u32, tokens: &[Token], at: usize, sentence: u16, best: &mut Longest) {
        let n = &self.nodes[node as usize];
        if !n.ends.is_empty() {
            if at > best.end {
                best.end = at;
                best.concepts.clear();
            }
            if at == best.end {
                for c in &n.ends {
                    if !best.concepts.contains(c) {
                        best.concepts.push(*c);
                    }
                }
            }
        }
        if let Some(g) = n.gap {
            // Up to three words skipped, none past the sentence.
            for skip in 0..=3 {
                if skip > 0 && tokens.get(at + skip - 1).is_none_or(|t| t.sentence != sentence) {
                    break;
                }
                self.walk_into(g, tokens, at + skip, sentence, best);
            }
        }
        self.walk_into(node, tokens, at, sentence, best);
    }

    /// Follows the edges out of `node` that the token at `at` fits.
    fn walk_into(&self, node: u32, tokens: &[Token], at: usize, sentence: u16, best: &mut Longest) {
        let Some(token) = tokens.get(at).filter(|t| t.sentence == sentence) else { return };
        let n = &self.nodes[node as usize];
        if let Some(&c) = n.words.get(&token.stem) {
            self.walk(c, tokens, at + 1, sentence, best);
        }
        if token.number {
            if let Some(c) = n.number {
                self.walk(c, tokens, at + 1, sentence, best);
            }
        }
        if let Some(c) = n.any {
            self.walk(c, tokens, at + 1, sentence, best);
        }
    }
}
