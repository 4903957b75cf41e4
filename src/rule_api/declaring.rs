//! The declaring functions a rule file's top level calls: `ruleset`, `field`, `force`, `tier`.

use super::{problem, Res, SharedSession};
use super::session::Session;
use crate::declare::{Field, FieldOption, FieldType, Force, Tier, FIT_IDS};
use rhai::{Array, Dynamic, Engine, Map, NativeCallContext, INT};

pub(super) fn register(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("ruleset", move |ctx: NativeCallContext, name: &str, version: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        if s.decl.name.is_some() {
            problem(s, &ctx, "ruleset() is called twice; call it once, at the top of the file".into());
        }
        s.decl.name = Some(name.trim().to_owned());
        s.decl.version = Some(version.trim().to_owned());
        Ok(())
    });

    let s = session.clone();
    let field = move |ctx: NativeCallContext, id: &str, label: &str, kind: &str, opts: Map| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        declare_field(s, &ctx, id, label, kind, opts);
        Ok(())
    };
    let f2 = field.clone();
    engine.register_fn("field", field);
    engine.register_fn("field", move |ctx: NativeCallContext, id: &str, label: &str, kind: &str| f2(ctx, id, label, kind, Map::new()));

    let s = session.clone();
    engine.register_fn("force", move |ctx: NativeCallContext, id: &str, label: &str, max: INT| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        if !valid_id(id) {
            problem(s, &ctx, format!("force(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
        } else if s.decl.force_index(id).is_some() {
            problem(s, &ctx, format!("force(): '{id}' is declared twice"));
        } else if !(1..=1000).contains(&max) {
            problem(s, &ctx, format!("force(): the maximum of '{id}' must be between 1 and 1000, not {max}"));
        } else {
            s.decl.forces.push(Force { id: id.into(), label: label.trim().into(), max });
        }
        Ok(())
    });

    let s = session.clone();
    let tier = move |ctx: NativeCallContext, id: &str, label: &str, message: &str, opts: Map| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        declare_tier(s, &ctx, id, label, message, opts);
        Ok(())
    };
    let t2 = tier.clone();
    engine.register_fn("tier", tier);
    engine.register_fn("tier", move |ctx: NativeCallContext, id: &str, label: &str, message: &str| t2(ctx, id, label, message, Map::new()));
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn declare_field(s: &mut Session, ctx: &NativeCallContext, id: &str, label: &str, kind: &str, opts: Map) {
    if !valid_id(id) {
        return problem(s, ctx, format!("field(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
    }
    if s.decl.field_index(id).is_some() {
        return problem(s, ctx, format!("field(): '{id}' is declared twice"));
    }
    let Some(kind) = FieldType::parse(kind) else {
        let all: Vec<_> = FieldType::ALL.iter().map(|t| t.as_str()).collect();
        return problem(s, ctx, format!("field(): '{id}' has type '{kind}'; the types are {}", all.join(", ")));
    };
    let mut field = Field {
        id: id.into(),
        label: label.trim().into(),
        kind,
        required: false,
        followup: false,
        options: Vec::new(),
        help: None,
        placeholder: None,
    };
    for (key, value) in opts {
        let bad = |what: &str| format!("field(): in '{id}', {key} must be {what}");
        let result = match key.as_str() {
            "required" => value.as_bool().map(|b| field.required = b).map_err(|_| bad("true or false")),
            "followup" => value.as_bool().map(|b| field.followup = b).map_err(|_| bad("true or false")),
            "help" => value.into_immutable_string().map(|t| field.help = Some(t.to_string())).map_err(|_| bad("text")),
            "placeholder" => value.into_immutable_string().map(|t| field.placeholder = Some(t.to_string())).map_err(|_| bad("text")),
            "options" => options(value).map(|o| field.options = o).map_err(|_| bad("a list of values, or of #{value, label} maps")),
            other => Err(format!("field(): in '{id}', '{other}' is not an option; use required, followup, options, help or placeholder")),
        };
        if let Err(message) = result {
            problem(s, ctx, message);
        }
    }
    if kind.has_options() && field.options.is_empty() {
        problem(s, ctx, format!("field(): '{id}' is a {} field, so it needs options: [...]", kind.as_str()));
    } else if !kind.has_options() && !field.options.is_empty() {
        problem(s, ctx, format!("field(): '{id}' is a {} field, which takes no options", kind.as_str()));
    }
    s.decl.fields.push(field);
}

fn options(value: Dynamic) -> Result<Vec<FieldOption>, ()> {
    let list = value.try_cast::<Array>().ok_or(())?;
    list.into_iter()
        .map(|item| {
            if item.is_string() {
                let v = item.into_immutable_string().map_err(|_| ())?.to_string();
                Ok(FieldOption { label: v.clone(), value: v })
            } else {
                let map = item.try_cast::<Map>().ok_or(())?;
                let get = |k: &str| map.get(k).and_then(|d| d.clone().into_immutable_string().ok()).map(|t| t.to_string());
                let value = get("value").ok_or(())?;
                Ok(FieldOption { label: get("label").unwrap_or_else(|| value.clone()), value })
            }
        })
        .collect()
}

fn strings(value: Dynamic) -> Result<Vec<String>, ()> {
    let list = value.try_cast::<Array>().ok_or(())?;
    list.into_iter().map(|d| d.into_immutable_string().map(|t| t.to_string()).map_err(|_| ())).collect()
}

fn declare_tier(s: &mut Session, ctx: &NativeCallContext, id: &str, label: &str, message: &str, opts: Map) {
    if !valid_id(id) {
        return problem(s, ctx, format!("tier(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
    }
    if s.decl.tiers.iter().any(|t| t.id == id) {
        return problem(s, ctx, format!("tier(): '{id}' is declared twice"));
    }
    let mut tier = Tier {
        id: id.into(),
        label: label.trim().into(),
        message: message.trim().into(),
        min_score: 0,
        requires: Vec::new(),
        excludes: Vec::new(),
        fit: Vec::new(),
    };
    for (key, value) in opts {
        let bad = |what: &str| format!("tier(): in '{id}', {key} must be {what}");
        let result = match key.as_str() {
            "min_score" => value.as_int().map(|n| tier.min_score = n).map_err(|_| bad("a whole number from 0 to 100")),
            "requires" => strings(value).map(|l| tier.requires = l).map_err(|_| bad("a list of flag names")),
            "excludes" => strings(value).map(|l| tier.excludes = l).map_err(|_| bad("a list of flag names")),
            "fit" => match strings(value) {
                Ok(l) if l.iter().all(|f| FIT_IDS.contains(&f.as_str())) => {
                    tier.fit = l;
                    Ok(())
                }
                _ => Err(bad("a list of verdicts: likely, mixed, unlikely, unknown")),
            },
            other => Err(format!("tier(): in '{id}', '{other}' is not a condition; use min_score, requires, excludes or fit")),
        };
        if let Err(message) = result {
            problem(s, ctx, message);
        }
    }
    if !(0..=100).contains(&tier.min_score) {
        problem(s, ctx, format!("tier(): in '{id}', min_score must be a whole number from 0 to 100"));
    }
    s.decl.tiers.push(tier);
}
