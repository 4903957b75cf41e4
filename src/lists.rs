//! Settings lists kept by the rule set, so that a request does not copy them.
//!
//! A rule such as `contains_any(outcome, RESULT_VERBS)` runs on every request. Rhai passes a
//! list by value: each call would copy the whole `RESULT_VERBS` (twenty-odd texts) and then drop
//! the copy, and the word list would be prepared for matching again. So when a rule set
//! compiles, each settings list (a top-level `const` holding a list) that the functions only ever
//! pass to the list functions of the rule API ([`LIST_FUNCTIONS`]) is kept here once, with its
//! words prepared, and the functions receive a small number that stands for it instead — a
//! *handle*. The list functions accept either, with the same results; a list used any other
//! way (`for w in LIST`, `LIST.len()`, `LIST[0]`, `"${LIST}"`) stays an ordinary list.

use crate::text::Word;
use rhai::{Array, Expr, AST, INT};
use std::collections::HashSet;

/// The rule API functions that take a list as their second (and last) argument.
pub(crate) const LIST_FUNCTIONS: &[&str] =
    &["contains_any", "first_match", "count_matches", "ticked_any", "ticked_count", "ticked_names", "evidence"];

/// Handles count up from here: numbers no rule writes or computes by accident.
const FIRST_HANDLE: INT = INT::MIN;

/// One kept list: its items as written, and its entries prepared for matching if all are text.
#[derive(Debug)]
pub(crate) struct Kept {
    pub items: Array,
    pub words: Option<Vec<Word<'static>>>,
}

/// The lists a rule set keeps, by handle.
#[derive(Debug, Default)]
pub(crate) struct KeptLists {
    lists: Vec<Kept>,
}

impl KeptLists {
    /// Keeps `items` and returns the handle that stands for it.
    pub fn keep(&mut self, items: Array) -> INT {
        let words = items
            .iter()
            .map(|item| item.as_immutable_string_ref().ok().map(|s| Word::new(s.as_str()).into_owned()))
            .collect();
        self.lists.push(Kept { items, words });
        FIRST_HANDLE + (self.lists.len() - 1) as INT
    }

    /// The list a handle stands for; `None` for any other number.
    pub fn get(&self, handle: INT) -> Option<&Kept> {
        let index = handle.checked_sub(FIRST_HANDLE)?;
        self.lists.get(usize::try_from(index).ok()?)
    }
}

/// The list argument of a list function: a list as written in the rule, or a kept list's handle.
#[derive(Debug)]
pub(crate) enum ListArg {
    Given(Array),
    Kept(INT),
}

/// The names of the settings that can be kept: each is only ever used, in every function of
/// `ast`, as the list argument of a list function. A variable of the same name inside a
/// function (which hides the setting) counts as a use too, so the answer errs on the safe side.
/// If the rules define their own function named like a list function, nothing is kept.
pub(crate) fn keepable(ast: &AST, settings: &HashSet<String>) -> HashSet<String> {
    if ast.iter_functions().any(|f| LIST_FUNCTIONS.contains(&f.name) && f.params.len() == 2) {
        return HashSet::new();
    }
    let mut other_uses = HashSet::new();
    let mut list_uses = HashSet::new();
    ast.walk(&mut |path| {
        let [.., parent, rhai::ASTNode::Expr(node @ Expr::Variable(var, ..))] = path else { return true };
        let name = var.1.as_str();
        if !settings.contains(name) {
            return true;
        }
        let as_list_argument = matches!(parent, rhai::ASTNode::Expr(Expr::FnCall(call, _))
            if LIST_FUNCTIONS.contains(&call.name.as_str())
                && call.args.len() == 2
                && std::ptr::eq(&call.args[1], *node));
        if as_list_argument { &mut list_uses } else { &mut other_uses }.insert(name.to_owned());
        true
    });
    list_uses.retain(|name| !other_uses.contains(name));
    list_uses
}
