//! Python bindings for deboil: the extension module `deboil._deboil`, re-exported by the
//! `deboil` package (`python/deboil/__init__.py`). See `docs/PYTHON.md`.
//!
//! The work is done without the GIL: a text is borrowed from its Python `str` (on CPython
//! before 3.10, whose stable ABI has no way to borrow a `str`'s UTF-8, from one encoded
//! copy), cleaned, and its removals' offsets are turned into character offsets in the same
//! GIL-free step; only building the Python objects of the result holds the GIL.

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use deboil::{Category, Removal};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

pyo3::create_exception!(
    deboil,
    DeboilError,
    PyValueError,
    "A cleaner could not be built: a bad pattern, rule name or category. The message is \
     the Rust error's, with its cause (e.g. the regex syntax error) after a colon."
);

/// The Rust error as a Python `DeboilError`, its causes appended (`rule `x`: invalid
/// pattern: regex parse error: …`).
fn error(e: &dyn std::error::Error) -> PyErr {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    DeboilError::new_err(msg)
}

/// How the removals' `start` and `end` count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Offsets {
    /// Code points of the Python `str` (`text[start:end]` is the removed text).
    Chars,
    /// Bytes of the UTF-8 encoding (`text.encode()[start:end]`).
    Bytes,
}

impl Offsets {
    fn parse(s: &str) -> PyResult<Offsets> {
        match s {
            "chars" => Ok(Offsets::Chars),
            "bytes" => Ok(Offsets::Bytes),
            _ => Err(PyValueError::new_err(format!(
                "offsets must be \"chars\" or \"bytes\", not {s:?}"
            ))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Offsets::Chars => "chars",
            Offsets::Bytes => "bytes",
        }
    }
}

/// A text to clean, as UTF-8: borrowed from the Python `str` when it encodes, else a
/// repaired copy (a `str` may hold lone surrogates, which UTF-8 cannot).
enum Text {
    Borrowed(PyBackedStr),
    Repaired(String),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Repaired(s) => s,
        }
    }
}

impl Text {
    fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Text> {
        let s = obj.cast::<PyString>().map_err(|_| {
            let ty = obj
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string());
            PyTypeError::new_err(format!("expected str, got {ty}"))
        })?;
        match PyBackedStr::try_from(s.clone()) {
            Ok(s) => Ok(Text::Borrowed(s)),
            Err(_) => {
                // Lone surrogates: each becomes U+FFFD, one code point for one, so character
                // offsets still index the original `str`.
                let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                let mut bytes = encoded.cast::<PyBytes>()?.as_bytes().to_vec();
                replace_surrogates(&mut bytes);
                String::from_utf8(bytes)
                    .map(Text::Repaired)
                    .map_err(|e| PyValueError::new_err(e.to_string()))
            }
        }
    }
}

/// Overwrites every surrogate encoded by Python's `surrogatepass` (`ED A0..BF xx`, three
/// bytes) with U+FFFD (`EF BF BD`, three bytes too).
fn replace_surrogates(bytes: &mut [u8]) {
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xED && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            bytes[i..i + 3].copy_from_slice("\u{fffd}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
}

/// A cleaning result before it becomes Python objects (built without the GIL).
struct Done<'a> {
    body: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    byline: Option<Cow<'a, str>>,
    removed: Vec<Removal>,
    offsets: Offsets,
    replaced: usize,
}

fn clean_str<'a>(cleaner: &deboil::Cleaner, text: &'a str, offsets: Offsets) -> Done<'a> {
    let cleaned = cleaner.clean(text);
    let title = cleaned.title().map(|t| Cow::Owned(t.to_owned()));
    let byline = cleaned.byline().map(|t| Cow::Owned(t.to_owned()));
    let removed = match offsets {
        Offsets::Chars => cleaned.removed_chars(),
        Offsets::Bytes => cleaned.removed().to_vec(),
    };
    Done {
        body: cleaned.into_body(),
        title,
        byline,
        removed,
        offsets,
        replaced: 0,
    }
}

fn clean_raw<'a>(cleaner: &deboil::Cleaner, data: &'a [u8]) -> Done<'a> {
    let cleaned = cleaner.clean_bytes(data);
    let title = cleaned.title().map(|t| Cow::Owned(t.to_owned()));
    let byline = cleaned.byline().map(|t| Cow::Owned(t.to_owned()));
    let removed = cleaned.removed().to_vec();
    let replaced = cleaned.replaced();
    Done {
        body: cleaned.into_body(),
        title,
        byline,
        removed,
        offsets: Offsets::Bytes,
        replaced,
    }
}

impl Done<'_> {
    fn into_py(self, py: Python<'_>) -> PyResult<Py<CleanResult>> {
        let removed = self.removed.into_iter().map(|r| PyRemoval {
            start: r.span.start,
            end: r.span.end,
            rule: r.rule,
            category: r.category,
        });
        let removed = PyTuple::new(py, removed)?.unbind();
        Py::new(
            py,
            CleanResult {
                body: PyString::new(py, &self.body).unbind(),
                title: self.title.map(|t| PyString::new(py, &t).unbind()),
                byline: self.byline.map(|t| PyString::new(py, &t).unbind()),
                removed,
                offsets: self.offsets,
                replaced: self.replaced,
            },
        )
    }
}

/// One removed span of the input: `start` and `end` (half-open; characters of the `str`
/// by default, bytes with `offsets="bytes"` or from `clean_bytes`), the `rule` that removed
/// it and its `category`.
#[pyclass(module = "deboil", name = "Removal", frozen, eq, skip_from_py_object)]
#[derive(Clone, PartialEq)]
struct PyRemoval {
    /// Where the span starts (inclusive).
    #[pyo3(get)]
    start: usize,
    /// Where the span ends (exclusive).
    #[pyo3(get)]
    end: usize,
    rule: Arc<str>,
    category: Category,
}

#[pymethods]
impl PyRemoval {
    #[new]
    #[pyo3(signature = (start, end, rule, category))]
    fn new(start: usize, end: usize, rule: &str, category: &str) -> PyResult<PyRemoval> {
        Ok(PyRemoval {
            start,
            end,
            rule: Arc::from(rule),
            category: parse_category(category)?,
        })
    }

    /// The name of the rule that removed the span (see `Cleaner.rules()`).
    #[getter]
    fn rule(&self) -> &str {
        &self.rule
    }

    /// What kind of boilerplate the span is (`"navigation"`, `"share"`, …; see
    /// `deboil.CATEGORIES`).
    #[getter]
    fn category(&self) -> &'static str {
        self.category.name()
    }

    /// `{"start": …, "end": …, "rule": …, "category": …}` (JSON-ready).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("rule", &*self.rule)?;
        d.set_item("category", self.category.name())?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Removal(start={}, end={}, rule='{}', category='{}')",
            self.start,
            self.end,
            &*self.rule,
            self.category.name()
        )
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.start, self.end, &*self.rule, self.category).hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let r = slf.get();
        let args = (r.start, r.end, &*r.rule, r.category.name()).into_pyobject(py)?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }
}

/// The result of cleaning one document: the `body`, the `title` and `byline` (or `None`),
/// and every removed span (`removed`, in input order). `str(result)` is the body.
#[pyclass(module = "deboil", name = "Result", frozen)]
struct CleanResult {
    body: Py<PyString>,
    title: Option<Py<PyString>>,
    byline: Option<Py<PyString>>,
    removed: Py<PyTuple>,
    offsets: Offsets,
    replaced: usize,
}

#[pymethods]
impl CleanResult {
    /// The clean article body: the kept lines with only whitespace normalised.
    #[getter]
    fn body(&self, py: Python<'_>) -> Py<PyString> {
        self.body.clone_ref(py)
    }

    /// The headline, when a rule recognised one (never part of the body).
    #[getter]
    fn title(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.title.as_ref().map(|t| t.clone_ref(py))
    }

    /// The author line, when a rule recognised one (never part of the body).
    #[getter]
    fn byline(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.byline.as_ref().map(|t| t.clone_ref(py))
    }

    /// Every removed span (a tuple of `Removal`), in input order, non-overlapping.
    #[getter]
    fn removed(&self, py: Python<'_>) -> Py<PyTuple> {
        self.removed.clone_ref(py)
    }

    /// What `Removal.start` and `.end` count: `"chars"` or `"bytes"`.
    #[getter]
    fn offsets(&self) -> &'static str {
        self.offsets.name()
    }

    /// How many invalid UTF-8 sequences `clean_bytes` replaced by U+FFFD (0 for `str`
    /// input).
    #[getter]
    fn replaced(&self) -> usize {
        self.replaced
    }

    /// `{"title", "byline", "body", "removed": [{"start", "end", "rule", "category"}, …]}`:
    /// plain, JSON-ready values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("title", &self.title)?;
        d.set_item("byline", &self.byline)?;
        d.set_item("body", &self.body)?;
        let removed = PyList::empty(py);
        for r in self.removed.bind(py).iter() {
            removed.append(r.cast::<PyRemoval>()?.get().to_dict(py)?)?;
        }
        d.set_item("removed", removed)?;
        Ok(d)
    }

    fn __str__(&self, py: Python<'_>) -> Py<PyString> {
        self.body.clone_ref(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let opt = |s: &Option<Py<PyString>>| -> PyResult<String> {
            match s {
                Some(s) => Ok(s.bind(py).repr()?.to_string()),
                None => Ok("None".to_owned()),
            }
        };
        Ok(format!(
            "Result(title={}, byline={}, body=<{} chars>, removed=<{} spans>)",
            opt(&self.title)?,
            opt(&self.byline)?,
            self.body.bind(py).len()?,
            self.removed.bind(py).len()
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let r = slf.get();
        let rebuild = py.import("deboil._deboil")?.getattr("_result")?;
        let args = (
            r.body.clone_ref(py),
            r.title.as_ref().map(|t| t.clone_ref(py)),
            r.byline.as_ref().map(|t| t.clone_ref(py)),
            r.removed.clone_ref(py),
            r.offsets.name(),
            r.replaced,
        );
        PyTuple::new(py, [rebuild, args.into_pyobject(py)?.into_any()])
    }
}

/// Rebuilds a pickled `Result`.
#[pyfunction]
fn _result(
    body: Py<PyString>,
    title: Option<Py<PyString>>,
    byline: Option<Py<PyString>>,
    removed: Bound<'_, PyTuple>,
    offsets: &str,
    replaced: usize,
) -> PyResult<CleanResult> {
    for r in removed.iter() {
        r.cast::<PyRemoval>()?;
    }
    Ok(CleanResult {
        body,
        title,
        byline,
        removed: removed.unbind(),
        offsets: Offsets::parse(offsets)?,
        replaced,
    })
}

fn parse_category(name: &str) -> PyResult<Category> {
    Category::from_str(name).map_err(|e| error(&e))
}

/// A string or a sequence of strings, as a list.
fn names(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    match obj {
        None => Ok(Vec::new()),
        Some(o) if o.is_instance_of::<PyString>() => Ok(vec![o.extract()?]),
        Some(o) => o.try_iter()?.map(|x| x?.extract::<String>()).collect(),
    }
}

/// A sequence of `N`-tuples of strings.
fn tuples<T>(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<T>>
where
    T: for<'a, 'py> FromPyObject<'a, 'py>,
{
    let Some(o) = obj else { return Ok(Vec::new()) };
    if o.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} takes a list of tuples, not a str"
        )));
    }
    o.try_iter()?
        .map(|x| {
            let x = x?;
            x.extract::<T>().map_err(|_| {
                PyTypeError::new_err(format!("{what}: expected a tuple of str, got {x}"))
            })
        })
        .collect()
}

/// The arguments a `Cleaner` was built from (kept to pickle it).
#[derive(Clone, Debug, Default)]
struct Config {
    fast: bool,
    empty: bool,
    remove: Vec<String>,
    remove_categories: Vec<String>,
    keep: Vec<(String, String)>,
    add: Vec<(String, String, String)>,
    move_before: Vec<(String, String)>,
    move_after: Vec<(String, String)>,
}

impl Config {
    fn is_default_rules(&self) -> bool {
        self.remove.is_empty()
            && self.remove_categories.is_empty()
            && self.keep.is_empty()
            && self.add.is_empty()
            && self.move_before.is_empty()
            && self.move_after.is_empty()
    }

    fn build(&self) -> PyResult<deboil::Cleaner> {
        if self.fast {
            if self.empty || !self.is_default_rules() {
                return Err(DeboilError::new_err(
                    "fast=True takes no rule options: the fast engine is one rule",
                ));
            }
            return Ok(deboil::Cleaner::fast());
        }
        if !self.empty && self.is_default_rules() {
            return Ok(deboil::Cleaner::new());
        }
        let mut b = if self.empty {
            deboil::CleanerBuilder::empty()
        } else {
            deboil::CleanerBuilder::new()
        };
        for name in &self.remove {
            b.remove_rule(name);
        }
        for c in &self.remove_categories {
            b.remove_category(parse_category(c)?);
        }
        for (name, pattern) in &self.keep {
            b.keep_rule(name, pattern);
        }
        for (name, category, pattern) in &self.add {
            b.add_rule(name, parse_category(category)?, pattern);
        }
        for (name, anchor) in &self.move_before {
            b.move_before(name, anchor);
        }
        for (name, anchor) in &self.move_after {
            b.move_after(name, anchor);
        }
        b.build().map_err(|e| error(&e))
    }

    /// The keyword arguments that rebuild this configuration.
    fn kwargs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        if self.fast {
            d.set_item("fast", true)?;
        }
        if self.empty {
            d.set_item("empty", true)?;
        }
        let lists: [(&str, Bound<'py, PyAny>); 6] = [
            ("remove", self.remove.clone().into_pyobject(py)?.into_any()),
            (
                "remove_categories",
                self.remove_categories.clone().into_pyobject(py)?.into_any(),
            ),
            ("keep", self.keep.clone().into_pyobject(py)?.into_any()),
            ("add", self.add.clone().into_pyobject(py)?.into_any()),
            (
                "move_before",
                self.move_before.clone().into_pyobject(py)?.into_any(),
            ),
            (
                "move_after",
                self.move_after.clone().into_pyobject(py)?.into_any(),
            ),
        ];
        for (k, v) in lists {
            if v.len()? > 0 {
                d.set_item(k, v)?;
            }
        }
        Ok(d)
    }
}

/// This process's rayon pools by thread count, built once each (building one spawns its
/// threads). Never rayon's global pool: after a `fork` (multiprocessing's default on
/// Linux) a child inherits the pools but none of their threads, and work sent to them
/// would wait forever; so the pools are tied to the process that built them, and a forked
/// child builds its own.
struct Pools {
    pid: u32,
    by_threads: HashMap<usize, Arc<rayon::ThreadPool>>,
}

fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Option<Pools>> = Mutex::new(None);
    let pid = std::process::id();
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if pools.as_ref().is_some_and(|p| p.pid != pid) {
        // A forked child: the parent's pools have no threads here. Leak them rather than
        // drop them (dropping signals threads that do not exist).
        std::mem::forget(pools.take());
    }
    let pools = pools.get_or_insert_with(|| Pools {
        pid,
        by_threads: HashMap::new(),
    });
    if let Some(p) = pools.by_threads.get(&threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("deboil-{i}"))
        .build()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    let p = Arc::new(p);
    pools.by_threads.insert(threads, p.clone());
    Ok(p)
}

/// A compiled rule set: build once (rules compile then), clean many documents, from any
/// number of threads. Picklable: it is rebuilt from its arguments.
#[pyclass(module = "deboil", name = "Cleaner", frozen)]
struct PyCleaner {
    inner: deboil::Cleaner,
    config: Config,
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *,
        fast = false,
        empty = false,
        remove = None,
        remove_categories = None,
        keep = None,
        add = None,
        move_before = None,
        move_after = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        fast: bool,
        empty: bool,
        remove: Option<&Bound<'_, PyAny>>,
        remove_categories: Option<&Bound<'_, PyAny>>,
        keep: Option<&Bound<'_, PyAny>>,
        add: Option<&Bound<'_, PyAny>>,
        move_before: Option<&Bound<'_, PyAny>>,
        move_after: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyCleaner> {
        let config = Config {
            fast,
            empty,
            remove: names(remove)?,
            remove_categories: names(remove_categories)?,
            keep: tuples(keep, "keep")?,
            add: tuples(add, "add")?,
            move_before: tuples(move_before, "move_before")?,
            move_after: tuples(move_after, "move_after")?,
        };
        // Compiling the rules takes a while: let other threads run meanwhile.
        let inner = py.detach(|| config.build())?;
        Ok(PyCleaner { inner, config })
    }

    /// Cleans `text` (a `str`). The GIL is released while it runs.
    #[pyo3(signature = (text, *, offsets = "chars"))]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        offsets: &str,
    ) -> PyResult<Py<CleanResult>> {
        let offsets = Offsets::parse(offsets)?;
        let text = Text::extract(text)?;
        let done = py.detach(|| clean_str(&self.inner, &text, offsets));
        done.into_py(py)
    }

    /// Cleans raw bytes: invalid UTF-8 is decoded as U+FFFD; offsets are bytes of `data`.
    fn clean_bytes(&self, py: Python<'_>, data: PyBackedBytes) -> PyResult<Py<CleanResult>> {
        let done = py.detach(|| clean_raw(&self.inner, &data));
        done.into_py(py)
    }

    /// Cleans many texts in parallel with the GIL released; results in input order.
    #[pyo3(signature = (texts, threads = None, *, offsets = "chars"))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        offsets: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let offsets = Offsets::parse(offsets)?;
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "clean_batch takes a list of str, not a str (use clean)",
            ));
        }
        let texts = texts
            .try_iter()?
            .enumerate()
            .map(|(i, t)| {
                Text::extract(&t?)
                    .map_err(|e| PyTypeError::new_err(format!("texts[{i}]: {}", e.value(py))))
            })
            .collect::<PyResult<Vec<Text>>>()?;
        // One thread per core by default; one thread, or one text, needs no pool.
        let threads = threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        let pool = match threads.min(texts.len()) {
            0 | 1 => None,
            _ => Some(pool(threads)?),
        };
        let cleaner = &self.inner;
        let done: Vec<Done<'_>> = py.detach(|| match pool {
            None => texts
                .iter()
                .map(|t| clean_str(cleaner, t, offsets))
                .collect(),
            Some(pool) => pool.install(|| {
                texts
                    .par_iter()
                    .map(|t| clean_str(cleaner, t, offsets))
                    .collect()
            }),
        });
        let out = PyList::empty(py);
        for d in done {
            out.append(d.into_py(py)?)?;
        }
        Ok(out)
    }

    /// The rules in the order they run: a list of `{"name", "category", "description"}`.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        rule_list(py, &self.inner)
    }

    /// Whether this is the fast engine (`Cleaner(fast=True)`).
    #[getter]
    fn fast(&self) -> bool {
        self.config.fast
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = py.import("deboil._deboil")?.getattr("_cleaner")?;
        let kwargs = slf.get().config.kwargs(py)?;
        PyTuple::new(py, [rebuild, PyTuple::new(py, [kwargs])?.into_any()])
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kwargs = self.config.kwargs(py)?;
        let mut parts = Vec::new();
        for (k, v) in kwargs.iter() {
            parts.push(format!("{}={}", k.str()?, v.repr()?));
        }
        Ok(format!("Cleaner({})", parts.join(", ")))
    }
}

/// Rebuilds a pickled `Cleaner` from its keyword arguments.
#[pyfunction]
fn _cleaner<'py>(py: Python<'py>, kwargs: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    py.get_type::<PyCleaner>().call((), Some(kwargs))
}

fn rule_list<'py>(py: Python<'py>, cleaner: &deboil::Cleaner) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in cleaner.rules() {
        let d = PyDict::new(py);
        d.set_item("name", r.name)?;
        d.set_item("category", r.category.name())?;
        d.set_item("description", r.description)?;
        out.append(d)?;
    }
    Ok(out)
}

/// Cleans `text` with the default rules (compiled once per process).
#[pyfunction]
#[pyo3(signature = (text, *, offsets = "chars"))]
fn clean(py: Python<'_>, text: &Bound<'_, PyAny>, offsets: &str) -> PyResult<Py<CleanResult>> {
    let offsets = Offsets::parse(offsets)?;
    let text = Text::extract(text)?;
    let done = py.detach(|| clean_str(&deboil::Cleaner::new(), &text, offsets));
    done.into_py(py)
}

/// Cleans raw bytes with the default rules (offsets are bytes of `data`).
#[pyfunction]
fn clean_bytes(py: Python<'_>, data: PyBackedBytes) -> PyResult<Py<CleanResult>> {
    let done = py.detach(|| clean_raw(&deboil::Cleaner::new(), &data));
    done.into_py(py)
}

/// The default rules in the order they run (see `Cleaner.rules`).
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    rule_list(py, &deboil::Cleaner::new())
}

#[pymodule]
#[pyo3(name = "_deboil")]
fn deboil_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyCleaner>()?;
    m.add_class::<CleanResult>()?;
    m.add_class::<PyRemoval>()?;
    m.add("DeboilError", py.get_type::<DeboilError>())?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(_cleaner, m)?)?;
    m.add_function(wrap_pyfunction!(_result, m)?)?;
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    m.add("CATEGORIES", PyTuple::new(py, categories)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
