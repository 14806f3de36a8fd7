//! The `deboil` command: every flag, the exit codes and the JSON Lines contract, run as a
//! user runs it (the built binary, `std::process::Command`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::{json, Value};

const PROSE: &str =
    "The council voted on Tuesday to rebuild the harbour wall after two winter storms left it cracked.";

fn page(i: usize) -> String {
    format!("Advertisement\n{PROSE} Page {i}.\nShare this article\n")
}

fn record(id: usize) -> String {
    json!({"id": id, "text": page(id), "lang": "en"}).to_string()
}

/// Starts `deboil args` with stdin, stdout and stderr piped.
fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the deboil binary runs")
}

/// Runs `deboil args` with `stdin` as its input.
fn deboil(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The command may not read its stdin at all (inputs named as files).
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A fresh folder under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn version_and_help() {
    for flag in ["--version", "-V"] {
        let out = deboil(&[flag], b"");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            stdout(&out),
            format!("deboil {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
    for flag in ["--help", "-h"] {
        let out = deboil(&[flag], b"");
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        for documented in [
            "--format",
            "--threads",
            "--rules",
            "--errors-ok",
            "--offsets",
            "exit status",
        ] {
            assert!(help.contains(documented), "{documented} not in --help");
        }
    }
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &["--format", "yaml"][..],
        &["--threads", "0"],
        &["--threads=x"],
        &["--offsets", "words"],
        &["--input", "csv"],
        &["--bogus"],
        &["--fast", "--rules", "r.txt"],
        &["no/such/file.txt"],
        &["no/such/*.txt"],
        &["--input", "jsonl", "--format", "text"],
        &["--input", "text", "--drop-text"],
    ] {
        let out = deboil(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("deboil: ") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn text_from_stdin_by_default() {
    let out = deboil(&[], page(1).as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("{PROSE} Page 1.\n"));
    // With a title: title, blank line, body.
    let text = format!("Storm hits coast\n\n{PROSE}\n\nWork starts in April.\n");
    let out = deboil(&["-"], text.as_bytes());
    assert_eq!(
        stdout(&out),
        format!("Storm hits coast\n\n{PROSE}\n\nWork starts in April.\n")
    );
}

#[test]
fn files_folders_and_globs() {
    let dir = scratch("inputs");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), page(2)).unwrap();
    std::fs::write(dir.join("a.txt"), page(1)).unwrap();
    std::fs::write(dir.join("sub/c.txt"), page(3)).unwrap();
    std::fs::write(dir.join(".hidden"), page(9)).unwrap();
    let path_of = |out: &Output| -> Vec<String> {
        lines(out)
            .iter()
            .map(|v| v["path"].as_str().unwrap().to_owned())
            .collect()
    };
    // A folder: every file below it, in name order, hidden ones skipped.
    let out = deboil(&["-f", "jsonl", s(&dir)], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths = path_of(&out);
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths[0].ends_with("a.txt") && paths[2].ends_with("c.txt"));
    assert_eq!(lines(&out)[1]["body"], format!("{PROSE} Page 2."));
    // A glob, expanded by deboil; files named one by one keep their order.
    let glob = format!("{}/*.txt", s(&dir));
    let out = deboil(&["-f", "jsonl", &glob], b"");
    assert_eq!(path_of(&out).len(), 2);
    let out = deboil(
        &["-f", "jsonl", s(&dir.join("b.txt")), s(&dir.join("a.txt"))],
        b"",
    );
    let paths = path_of(&out);
    assert!(paths[0].ends_with("b.txt") && paths[1].ends_with("a.txt"));
    // Several inputs as text: a header before each.
    let out = deboil(&[s(&dir.join("a.txt")), s(&dir.join("b.txt"))], b"");
    let text = stdout(&out);
    assert!(
        text.starts_with("==> ") && text.contains(&format!("{PROSE} Page 2.")),
        "{text}"
    );
    // An unreadable input among readable ones: reported, the others still cleaned, exit 2
    // (reading /proc/self/mem from its start fails on Linux, even for root).
    #[cfg(target_os = "linux")]
    {
        let out = deboil(
            &["-f", "jsonl", "/proc/self/mem", s(&dir.join("a.txt"))],
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("/proc/self/mem: "),
            "{}",
            stderr(&out)
        );
        assert_eq!(path_of(&out).len(), 1);
    }
}

#[test]
fn output_file() {
    let dir = scratch("output");
    let target = dir.join("out.json");
    let out = deboil(&["-o", s(&target), "--format", "json"], page(1).as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["body"], format!("{PROSE} Page 1."));
    let out = deboil(&["--output", s(&dir.join("missing/dir/out"))], b"x");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn formats() {
    let text = format!("Storm hits coast\nBy Omar Reyes\n\n{PROSE}\n\nShare this article\n");
    // json: the flat document.
    let out = deboil(&["--format", "json"], text.as_bytes());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["title"], "Storm hits coast");
    assert_eq!(v["byline"], "By Omar Reyes");
    assert_eq!(v["body"], PROSE);
    let removed = v["removed"].as_array().unwrap();
    let last = removed.last().unwrap();
    assert_eq!(last["category"], "share");
    let (start, end) = (
        last["start"].as_u64().unwrap() as usize,
        last["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "Share this article\n");
    // jsonl: one line, with the path.
    let out = deboil(&["-f", "jsonl"], text.as_bytes());
    let l = lines(&out);
    assert_eq!((l.len(), &l[0]["path"]), (1, &json!("-")));
    // explain: every line, removed ones marked.
    let out = deboil(&["-f", "explain"], text.as_bytes());
    let e = stdout(&out);
    assert!(e.contains("- Share this article  [share/share]"), "{e}");
    assert!(e.contains(&format!("  {PROSE}")), "{e}");
    // html: the audit page, every removed span labelled.
    let out = deboil(&["-f", "html"], text.as_bytes());
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(r#"data-category="share""#) && html.contains(PROSE));
    let dir = scratch("html");
    std::fs::write(dir.join("a.txt"), &text).unwrap();
    std::fs::write(dir.join("b.txt"), &text).unwrap();
    let out = deboil(&["-f", "html", s(&dir)], b"");
    assert_eq!(out.status.code(), Some(2), "one input at a time");
    // text.
    let out = deboil(&["-f", "text"], text.as_bytes());
    assert_eq!(stdout(&out), format!("Storm hits coast\n\n{PROSE}\n"));
}

#[test]
fn offsets_in_chars() {
    let text = format!("Publicité ✓\n{PROSE}\n");
    let out = deboil(&["-f", "json", "--offsets", "chars"], text.as_bytes());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["removed"][0]["end"], 12); // "Publicité ✓\n": 12 chars, 15 bytes
    let out = deboil(&["-f", "json", "--offsets", "bytes"], text.as_bytes());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["removed"][0]["end"], 15);
    // On JSON Lines too.
    let line = json!({"text": text}).to_string();
    let out = deboil(&["--input", "jsonl", "--offsets", "chars"], line.as_bytes());
    assert_eq!(lines(&out)[0]["removed"][0]["end"], 12);
}

#[test]
fn jsonl_records_in_order_with_exit_codes() {
    let input = format!(
        "{}\nnot json\n{}\n{{\"id\": 77, \"text\": 5}}\n",
        record(1),
        record(2)
    );
    let out = deboil(&["--input", "jsonl", "--threads", "2"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let l = lines(&out);
    assert_eq!(l.len(), 4);
    assert_eq!((&l[0]["id"], &l[0]["lang"]), (&json!(1), &json!("en")));
    assert_eq!(l[0]["body"], format!("{PROSE} Page 1."));
    assert_eq!(
        (&l[1]["line"], l[1]["error"].is_string()),
        (&json!(2), true)
    );
    assert_eq!(l[2]["id"], 2);
    assert_eq!((&l[3]["id"], &l[3]["line"]), (&json!(77), &json!(4)));
    assert!(stderr(&out).contains("2 of 4 records could not be cleaned"));
    // --errors-ok: the same output, exit 0.
    let ok = deboil(&["--input", "jsonl", "--errors-ok"], input.as_bytes());
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(ok.stdout, out.stdout);
}

#[test]
fn jsonl_files_by_extension() {
    let dir = scratch("jsonl");
    let file = dir.join("pages.jsonl");
    std::fs::write(&file, format!("{}\n{}\n", record(1), record(2))).unwrap();
    let out = deboil(&[s(&file)], b"");
    assert_eq!(out.status.code(), Some(0));
    let l = lines(&out);
    assert_eq!((l.len(), &l[1]["id"]), (2, &json!(2)));
    // --input text: the same file as one text document.
    let out = deboil(&["--input", "text", "-f", "jsonl", s(&file)], b"");
    let l = lines(&out);
    assert_eq!(l.len(), 1);
    assert!(l[0].get("id").is_none(), "{}", l[0]);
    assert!(l[0]["path"].as_str().unwrap().ends_with("pages.jsonl"));
}

#[test]
fn jsonl_fields_and_text() {
    let line = json!({"doc": 123, "content": page(1), "text": "untouched"}).to_string();
    let args = [
        "--input",
        "jsonl",
        "--text-field",
        "content",
        "--id-field",
        "doc",
    ];
    let out = deboil(&args, line.as_bytes());
    let v = &lines(&out)[0];
    assert_eq!((&v["doc"], &v["text"]), (&json!(123), &json!("untouched")));
    assert_eq!(v["content"], page(1));
    assert_eq!(v["body"], format!("{PROSE} Page 1."));
    // --drop-text leaves the cleaned field out; --keep-text (the default) keeps it.
    let out = deboil(&[&args[..], &["--drop-text"]].concat(), line.as_bytes());
    assert!(lines(&out)[0].get("content").is_none());
    let out = deboil(
        &[&args[..], &["--drop-text", "--keep-text"]].concat(),
        line.as_bytes(),
    );
    assert_eq!(lines(&out)[0]["content"], page(1));
    // A JSON Lines option says the input is JSON Lines (stdin is text otherwise).
    let out = deboil(&["--text-field", "content"], line.as_bytes());
    assert_eq!(lines(&out)[0]["doc"], 123);
    // The id field names the error record's id.
    let bad = r#"{"doc": 123456789012345678901234567890, "content": 5}"#;
    let out = deboil(&args, bad.as_bytes());
    assert!(
        stdout(&out).starts_with(r#"{"doc":123456789012345678901234567890,"line":1,"#),
        "{}",
        stdout(&out)
    );
}

#[test]
fn max_line_bytes() {
    let input = format!("{}\n{}\n", record(1), record(2));
    let out = deboil(
        &["--input", "jsonl", "--max-line-bytes", "50"],
        input.as_bytes(),
    );
    let l = lines(&out);
    assert_eq!(l.len(), 2);
    assert!(l[0]["error"].as_str().unwrap().starts_with("line too long"));
}

#[test]
fn threads_spellings_give_the_same_output() {
    let dir = scratch("threads");
    for i in 0..12 {
        std::fs::write(dir.join(format!("p{i:02}.txt")), page(i)).unwrap();
    }
    let base = deboil(&["-f", "jsonl", "--threads", "1", s(&dir)], b"");
    assert_eq!(lines(&base).len(), 12);
    for args in [&["--threads=3"][..], &["-j", "2"], &["--threads", "8"]] {
        let out = deboil(&[args, &["-f", "jsonl", s(&dir)]].concat(), b"");
        assert_eq!(out.stdout, base.stdout, "{args:?}");
    }
    let input: String = (0..50).map(|i| record(i) + "\n").collect();
    let one = deboil(&["--input", "jsonl", "--threads=1"], input.as_bytes());
    let four = deboil(&["--input", "jsonl", "--threads=4"], input.as_bytes());
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(lines(&one).len(), 50);
}

#[test]
fn fast_engine() {
    let text = "Home | World | Sport\n\nThe river rose two metres overnight and flooded the lower town, the mayor said on Sunday.\nVolunteers filled sandbags until dawn while the fire brigade pumped out cellars along the quay.\n";
    let out = deboil(&["--fast", "-f", "jsonl"], text.as_bytes());
    let v = &lines(&out)[0];
    let rules: Vec<&str> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|&r| r == "fast-classifier"),
        "{rules:?}"
    );
}

#[test]
fn rules_file() {
    let dir = scratch("rules");
    let rules = dir.join("rules.txt");
    std::fs::write(
        &rules,
        "# house rules\n\nadd tip-line other got a tip\\? .*\nkeep keep-share share this article\nremove advert\nremove-category cookie\nmove tip-line after subscribe\n",
    )
    .unwrap();
    let text = format!("Got a tip? Write to us\nAdvertisement\n{PROSE}\nShare this article\n");
    let out = deboil(&["--rules", s(&rules), "-f", "json"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["removed"][0]["rule"], "tip-line");
    assert_eq!(
        v["body"],
        format!("Advertisement\n{PROSE}\nShare this article")
    );
    // Errors name the file and the line.
    for (bad, line, says) in [
        ("add x nonsense-category foo\n", 1, "unknown category"),
        ("\n# c\nadd x other (\n", 3, "rule `x`"),
        ("remove no-such-rule\n", 1, "no rule named"),
        ("frobnicate x\n", 1, "unknown directive"),
        ("add x other\n", 1, "needs"),
        ("keep advert .*x\n", 1, "already exists"),
        ("move advert sideways share\n", 1, "before or after"),
    ] {
        std::fs::write(&rules, bad).unwrap();
        let out = deboil(&["--rules", s(&rules)], b"text");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("rules.txt:{line}: ")) && err.contains(says),
            "{bad}: {err}"
        );
    }
    let out = deboil(&["--rules", s(&dir.join("missing.txt"))], b"text");
    assert_eq!(out.status.code(), Some(2));
    // A bad rules file is reported before the output file is created.
    let target = dir.join("never.json");
    let out = deboil(&["--rules", s(&rules), "-o", s(&target)], b"text");
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
}

#[test]
fn progress_line_on_request() {
    let input: String = (0..5).map(|i| record(i) + "\n").collect();
    let out = deboil(&["--input", "jsonl", "--progress"], input.as_bytes());
    let err = stderr(&out);
    assert!(
        err.contains("5 records") && err.contains("MB/s") && err.contains("0 errors"),
        "{err}"
    );
    // Not on a pipe unless asked, nor when refused.
    let out = deboil(&["--input", "jsonl"], input.as_bytes());
    assert!(stderr(&out).is_empty());
    let out = deboil(
        &["--input", "jsonl", "--progress", "--no-progress"],
        input.as_bytes(),
    );
    assert!(stderr(&out).is_empty());
}

#[test]
fn jsonl_contract_bom_surrogates_and_ids() {
    let input = format!(
        "\u{feff}{}\n{}\n{}\n",
        record(1),
        r#"{"id": 123456789012345678901234567890, "text": 5}"#,
        r#"{"id": "s", "text": "Advertisement\nbad \ud800 escape"}"#
    );
    let out = deboil(&["--input", "jsonl", "--drop-text"], input.as_bytes());
    let l = lines(&out);
    assert_eq!(l.len(), 3);
    assert_eq!(l[0]["id"], 1);
    assert!(stdout(&out)
        .lines()
        .nth(1)
        .unwrap()
        .starts_with(r#"{"id":123456789012345678901234567890,"#));
    assert_eq!(
        (&l[2]["id"], &l[2]["body"]),
        (&json!("s"), &json!("bad \u{fffd} escape"))
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let input: String = (0..3000).map(|i| record(i) + "\n").collect();
    let mut child = spawn(&["--input", "jsonl"]);
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

/// SIGTERM while the output pipe is full: the line being written is finished, then the
/// command exits 143.
#[cfg(unix)]
#[test]
fn sigterm_finishes_the_line_being_written() {
    use std::io::Read;
    let big = format!("{PROSE}\n").repeat(400); // ~40 KB records: the pipe fills in two
    let input: String = (0..200)
        .map(|i| json!({"id": i, "text": format!("Advertisement\n{big}")}).to_string() + "\n")
        .collect();
    let mut child = spawn(&["--input", "jsonl", "--threads", "1"]);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    // Read a little, then stop reading: the command blocks writing into the full pipe.
    let mut first = vec![0u8; 1000];
    stdout.read_exact(&mut first).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    // A slow reader catches up.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(143));
    first.extend_from_slice(&rest);
    assert!(first.ends_with(b"\n"), "a partial last line");
    let lines: Vec<&[u8]> = first
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert!(!lines.is_empty() && lines.len() < 200, "{}", lines.len());
    for l in lines {
        serde_json::from_slice::<Value>(l).expect("every line whole");
    }
}

/// SIGTERM while waiting for input: the command stops at once (143), without half a line.
#[cfg(unix)]
#[test]
fn sigterm_while_waiting_for_input_stops() {
    use std::io::Read;
    let mut child = spawn(&["--input", "jsonl"]);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all((record(1) + "\n").as_bytes()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(143));
    assert!(out.is_empty() || out.ends_with(b"\n"));
}
