//! Discord's OpenAPI spec: finding the operation for a request and validating its JSON body
//! against that operation's request schema.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::{json, Value};

use crate::error::StandInError;

const SPEC_URI: &str = "urn:discord-api-spec";
const MAX_SHOWN: usize = 160;

/// Whether request bodies are validated against Discord's spec.
#[derive(Clone, Debug)]
pub enum SpecStatus {
    Loaded {
        path: PathBuf,
    },
    /// No spec file was found: bodies are checked only by the docs rules.
    Missing {
        looked_at: PathBuf,
    },
}

impl SpecStatus {
    pub fn is_loaded(&self) -> bool {
        matches!(self, SpecStatus::Loaded { .. })
    }
}

/// One rule a request body broke.
#[derive(Clone, Debug)]
pub struct Violation {
    /// JSON pointer into the body, e.g. `/data/content`.
    pub pointer: String,
    pub rule: String,
    /// Discord's per-field error code, e.g. `BASE_TYPE_MAX_LENGTH`.
    pub code: String,
}

impl Violation {
    pub fn new(pointer: impl Into<String>, code: &str, rule: impl Into<String>) -> Self {
        Violation { pointer: pointer.into(), rule: rule.into(), code: code.to_string() }
    }
}

pub(crate) struct Operation {
    pub id: String,
    method: String,
    segments: Vec<String>,
    schema: Option<Value>,
}

impl Operation {
    fn matches(&self, method: &str, segments: &[&str]) -> bool {
        self.method.eq_ignore_ascii_case(method)
            && self.segments.len() == segments.len()
            && self.segments.iter().zip(segments).all(|(t, s)| t.starts_with('{') || t == s)
    }

    fn literal_count(&self) -> usize {
        self.segments.iter().filter(|s| !s.starts_with('{')).count()
    }
}

/// An operation index, and the `anyOf` branch when validating against one variant.
type ValidatorKey = (usize, Option<usize>);

pub(crate) struct Spec {
    ops: Vec<Operation>,
    registry: Registry,
    validators: Mutex<HashMap<ValidatorKey, Arc<Validator>>>,
}

type Loaded = Result<Arc<Spec>, String>;

fn cache() -> &'static Mutex<HashMap<PathBuf, Loaded>> {
    static SPECS: OnceLock<Mutex<HashMap<PathBuf, Loaded>>> = OnceLock::new();
    SPECS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Where the spec is looked for when the config names no path.
pub fn default_spec_path() -> PathBuf {
    if let Some(p) = std::env::var_os("DISCORD_OPENAPI_SPEC") {
        return PathBuf::from(p);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().unwrap_or(manifest);
    workspace.join("../shared/discord-api-spec/openapi.json")
}

/// Loads (once per process and path) and returns the spec, or `None` when the file is missing.
pub(crate) fn load(path: &Path) -> Result<Option<Arc<Spec>>, StandInError> {
    if !path.exists() {
        return Ok(None);
    }
    let mut specs = cache().lock().unwrap_or_else(|p| p.into_inner());
    let entry = specs.entry(path.to_path_buf()).or_insert_with(|| parse(path).map(Arc::new));
    match entry {
        Ok(spec) => Ok(Some(spec.clone())),
        Err(e) => Err(StandInError::Spec(e.clone())),
    }
}

fn parse(path: &Path) -> Result<Spec, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read Discord's OpenAPI spec {}: {e}", path.display()))?;
    let doc: Value = serde_json::from_str(&text)
        .map_err(|e| format!("Discord's OpenAPI spec {} is not JSON: {e}", path.display()))?;
    let mut ops = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (template, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                if !matches!(method.as_str(), "get" | "put" | "post" | "patch" | "delete") {
                    continue;
                }
                let schema = op
                    .pointer("/requestBody/content/application~1json/schema")
                    .map(|s| externalize_refs(s.clone()));
                ops.push(Operation {
                    id: op.get("operationId").and_then(Value::as_str).unwrap_or("unnamed").to_string(),
                    method: method.to_ascii_uppercase(),
                    segments: template.trim_start_matches('/').split('/').map(str::to_string).collect(),
                    schema,
                });
            }
        }
    }
    let resource: Resource = Draft::Draft202012.create_resource(doc);
    let registry = Registry::options()
        .draft(Draft::Draft202012)
        .build([(SPEC_URI, resource)])
        .map_err(|e| format!("Discord's OpenAPI spec cannot be registered: {e}"))?;
    Ok(Spec { ops, registry, validators: Mutex::new(HashMap::new()) })
}

/// The operation schemas are compiled on their own, so their `#/components/...` refs must
/// point into the registered spec document instead of into themselves.
fn externalize_refs(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    if k == "$ref" {
                        if let Value::String(r) = child {
                            if r.starts_with('#') {
                                *r = format!("{SPEC_URI}{r}");
                            }
                        }
                    } else {
                        walk(child);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

impl Spec {
    /// The best-matching operation for a request (literal segments beat templated ones, so
    /// `/messages/@original` wins over `/messages/{message_id}`).
    pub fn operation(&self, method: &str, path: &str) -> Option<usize> {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.ops
            .iter()
            .enumerate()
            .filter(|(_, op)| op.matches(method, &segments))
            .max_by_key(|(_, op)| op.literal_count())
            .map(|(i, _)| i)
    }

    pub fn operation_id(&self, index: usize) -> &str {
        self.ops.get(index).map_or("unknown", |op| op.id.as_str())
    }

    fn validator(&self, op: usize, branch: Option<usize>) -> Result<Option<Arc<Validator>>, String> {
        let mut cache = self.validators.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = cache.get(&(op, branch)) {
            return Ok(Some(v.clone()));
        }
        let Some(schema) = self.ops.get(op).and_then(|o| o.schema.as_ref()) else {
            return Ok(None);
        };
        let schema = match branch {
            None => schema.clone(),
            Some(b) => match schema.get("anyOf").and_then(|a| a.get(b)) {
                Some(s) => s.clone(),
                None => return Ok(None),
            },
        };
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(self.registry.clone())
            .build(&schema)
            .map_err(|e| format!("cannot compile the spec's schema for {}: {e}", self.operation_id(op)))?;
        let validator = Arc::new(validator);
        cache.insert((op, branch), validator.clone());
        Ok(Some(validator))
    }

    /// Validates `body` against the operation's JSON request schema.
    pub fn validate(&self, op: usize, body: &Value) -> Vec<Violation> {
        let validator = match self.validator(op, None) {
            Ok(Some(v)) => v,
            Ok(None) => return Vec::new(),
            Err(e) => return vec![Violation::new("", "STANDIN_SPEC", e)],
        };
        let errors = collect(&validator, body);
        if errors.is_empty() {
            return errors;
        }
        // A failed `anyOf` only says "no variant matched"; report the closest variant instead.
        let branches = self
            .ops
            .get(op)
            .and_then(|o| o.schema.as_ref())
            .and_then(|s| s.get("anyOf"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|b| b.get("$ref").and_then(Value::as_str).unwrap_or("variant").to_string())
                    .collect::<Vec<_>>()
            });
        let Some(branches) = branches else {
            return errors;
        };
        let mut best: Option<(String, Vec<Violation>)> = None;
        for (i, name) in branches.iter().enumerate() {
            let Ok(Some(v)) = self.validator(op, Some(i)) else {
                continue;
            };
            let errs = collect(&v, body);
            // The union is discriminated by `type`: a variant that rejects the body's type is
            // never the one the bot meant.
            let score = |e: &[Violation]| (e.iter().any(|v| v.pointer == "/type"), e.len());
            if best.as_ref().is_none_or(|(_, b)| score(&errs) < score(b)) {
                best = Some((name.rsplit('/').next().unwrap_or(name).to_string(), errs));
            }
        }
        match best {
            Some((name, errs)) if !errs.is_empty() => errs
                .into_iter()
                .map(|mut e| {
                    e.rule = format!("{} (closest union variant: {name})", e.rule);
                    e
                })
                .collect(),
            _ => errors,
        }
    }
}

fn collect(validator: &Validator, body: &Value) -> Vec<Violation> {
    validator
        .iter_errors(body)
        .map(|e| {
            let code = match &e.kind {
                ValidationErrorKind::MaxLength { .. } => "BASE_TYPE_MAX_LENGTH",
                ValidationErrorKind::MinLength { .. } => "BASE_TYPE_MIN_LENGTH",
                ValidationErrorKind::MaxItems { .. } => "BASE_TYPE_MAX_LENGTH",
                ValidationErrorKind::MinItems { .. } => "BASE_TYPE_MIN_LENGTH",
                ValidationErrorKind::Required { .. } => "BASE_TYPE_REQUIRED",
                ValidationErrorKind::Type { .. } => "BASE_TYPE_BAD_TYPE",
                ValidationErrorKind::Maximum { .. } | ValidationErrorKind::Minimum { .. } => {
                    "NUMBER_TYPE_OUT_OF_RANGE"
                }
                ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
                    "BASE_TYPE_CHOICES"
                }
                _ => "BASE_TYPE_INVALID",
            };
            let mut rule = shorten(&e.to_string());
            rule.push_str(&format!(" [spec {}]", e.schema_path));
            Violation::new(e.instance_path.to_string(), code, rule)
        })
        .collect()
}

pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_SHOWN {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX_SHOWN).collect();
    format!("{head}… ({} chars in all)", s.chars().count())
}

/// Rewrites the forms Discord's docs allow but the spec does not into the spec's forms, so the
/// spec check does not reject what Discord accepts: a digit-string `default_member_permissions`
/// and an integer index as a new upload's `attachments[].id`.
pub fn normalize_docs_forms(body: &Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(s)) = map.get("default_member_permissions") {
                    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                        if let Ok(n) = s.parse::<u64>() {
                            map.insert("default_member_permissions".into(), json!(n));
                        }
                    }
                }
                if let Some(Value::Array(atts)) = map.get_mut("attachments") {
                    for a in atts.iter_mut() {
                        if let Some(n) = a.get("id").and_then(Value::as_u64) {
                            a["id"] = json!(n.to_string());
                        }
                    }
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = body.clone();
    walk(&mut v);
    v
}
