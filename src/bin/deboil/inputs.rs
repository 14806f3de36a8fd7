//! Inputs named on the command line: files, folders, globs and stdin.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name shown in output and messages (`-` for stdin).
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Whether the name says JSON Lines.
    pub fn is_jsonl(&self) -> bool {
        match self {
            Source::Stdin => false,
            Source::File(p) => p.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
            }),
        }
    }
}

/// Expands the command line's inputs in order: `-` is stdin, a folder gives every file
/// below it (sorted by path, hidden entries skipped), a name that does not exist but holds
/// `*`, `?` or `[` is a glob (matches sorted); no inputs at all means stdin. A name that
/// matches nothing is an error.
pub fn expand(inputs: &[OsString]) -> Result<Vec<Source>, String> {
    if inputs.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        } else if path.exists() {
            out.push(Source::File(path.to_owned()));
        } else {
            let pattern = input.to_string_lossy();
            if !pattern.contains(['*', '?', '[']) {
                return Err(format!("{pattern}: no such file or folder"));
            }
            let paths = glob::glob(&pattern).map_err(|e| format!("{pattern}: bad glob: {e}"))?;
            let mut files = Vec::new();
            for p in paths {
                let p = p.map_err(|e| e.to_string())?;
                if p.is_dir() {
                    walk(&p, &mut files).map_err(|e| format!("{}: {e}", p.display()))?;
                } else {
                    files.push(p);
                }
            }
            if files.is_empty() {
                return Err(format!("{pattern}: no file matches"));
            }
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        }
    }
    Ok(out)
}

/// Every file below `dir` (entries whose name starts with `.` skipped).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}
