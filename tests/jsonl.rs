//! The `jsonl` record logic never loses a record: one output line per input line, in
//! order, with an error record in place of each bad line.

use std::io::{self, Write};
use std::num::NonZeroUsize;

use deboil::jsonl::{process_line, run, LineError, Options, Summary};
use deboil::Cleaner;
use serde_json::{json, Value};

const PROSE: &str =
    "The council voted on Tuesday to rebuild the harbour wall after two winter storms.";

fn good(id: u64) -> String {
    json!({"id": id, "text": format!("Advertisement\n{PROSE}\n"), "lang": "en"}).to_string()
}

fn run_bytes(input: &[u8], opts: &Options) -> (Summary, Vec<Value>) {
    let mut out = Vec::new();
    let summary = run(input, &mut out, opts).expect("in-memory I/O cannot fail");
    assert!(out.is_empty() || out.ends_with(b"\n"));
    let records = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("every output line is JSON"))
        .collect();
    (summary, records)
}

#[test]
fn good_record_gains_fields_and_keeps_the_others() {
    let v = process_line(&Cleaner::new(), good(7).as_bytes()).unwrap();
    assert_eq!(v["id"], 7);
    assert_eq!(v["lang"], "en");
    assert_eq!(v["body"], PROSE);
    assert_eq!(v["removed"][0]["rule"], "advert");
    assert_eq!(v["removed"][0]["start"], 0);
    assert_eq!(v["removed"][0]["end"], 14);
    assert!(v["title"].is_null());
    // A CRLF terminator is ignored.
    let crlf = format!("{}\r\n", good(7));
    assert_eq!(process_line(&Cleaner::new(), crlf.as_bytes()).unwrap(), v);
}

#[test]
fn each_bad_line_has_its_reason() {
    let c = Cleaner::new();
    type Case = (Vec<u8>, fn(&LineError) -> bool);
    let cases: Vec<Case> = vec![
        (b"{\"id\": 1, \"text\": ".to_vec(), |e| {
            matches!(e, LineError::InvalidJson(_))
        }),
        (b"".to_vec(), |e| matches!(e, LineError::InvalidJson(_))),
        (b"{\"text\": \"a\"} trailing".to_vec(), |e| {
            matches!(e, LineError::InvalidJson(_))
        }),
        (b"[1, 2]".to_vec(), |e| matches!(e, LineError::NotAnObject)),
        (b"\"text\"".to_vec(), |e| {
            matches!(e, LineError::NotAnObject)
        }),
        (b"null".to_vec(), |e| matches!(e, LineError::NotAnObject)),
        (b"{\"id\": \"x\"}".to_vec(), |e| {
            matches!(e, LineError::MissingText { id: Some(_), .. })
        }),
        (b"{\"id\": 3, \"text\": 5}".to_vec(), |e| {
            matches!(e, LineError::TextNotString { id: Some(_), .. })
        }),
        (b"{\"text\": null}".to_vec(), |e| {
            matches!(e, LineError::TextNotString { id: None, .. })
        }),
        (b"{\"text\": [\"a\"]}".to_vec(), |e| {
            matches!(e, LineError::TextNotString { .. })
        }),
        (b"{\"id\": 4, \"text\": \"caf\xe9\"}".to_vec(), |e| {
            matches!(
                e,
                LineError::InvalidUtf8 {
                    at: 22,
                    id: Some(_)
                }
            )
        }),
    ];
    for (line, ok) in cases {
        let err = process_line(&c, &line).unwrap_err();
        assert!(ok(&err), "{:?}: {err:?}", String::from_utf8_lossy(&line));
        let record: Value = serde_json::from_str(&err.record(9)).unwrap();
        assert_eq!(record["line"], 9);
        assert_eq!(record["error"], err.to_string());
    }
    let err = process_line(&c, b"{\"id\": \"x\"}").unwrap_err();
    assert_eq!(
        err.record(1),
        r#"{"id":"x","line":1,"error":"missing field `text`"}"#
    );
}

#[test]
fn one_output_line_per_input_line_whatever_the_input() {
    let mut input = Vec::new();
    let mut bad = Vec::new();
    for i in 0..40u64 {
        match i % 8 {
            1 => input.extend_from_slice(b"{not json"),
            2 => input.extend_from_slice(b"{\"id\": 2, \"text\": 17}"),
            3 => input.extend_from_slice(b"{\"id\": \"no-text\"}"),
            4 => input.extend_from_slice(b"{\"text\": \"bad \xff byte\"}"),
            5 => input.extend_from_slice(&vec![b'x'; 5000]), // longer than max_line below
            6 => input.extend_from_slice(b""),               // an empty line
            _ => {
                input.extend_from_slice(good(i).as_bytes());
                input.push(b'\n');
                continue;
            }
        }
        bad.push(i + 1);
        input.push(b'\n');
    }
    // A truncated last line, without its newline, is still cleaned.
    input.extend_from_slice(good(99).as_bytes());
    for threads in [1, 2, 4] {
        for batch in [1, 3, 2048] {
            let opts = Options::default()
                .threads(NonZeroUsize::new(threads).unwrap())
                .batch(batch)
                .max_line(1000);
            let (summary, records) = run_bytes(&input, &opts);
            assert_eq!(summary.lines, 41);
            assert_eq!(summary.failed, bad.len() as u64);
            assert_eq!(records.len(), 41, "threads {threads} batch {batch}");
            for (k, r) in records.iter().enumerate() {
                let number = k as u64 + 1;
                if bad.contains(&number) {
                    assert_eq!(r["line"], number, "{r}");
                    assert!(r["error"].is_string());
                } else {
                    assert_eq!(r["body"], PROSE);
                    let id = if number == 41 { 99 } else { number - 1 };
                    assert_eq!(r["id"], id);
                }
            }
            let too_long = &records[5];
            assert_eq!(too_long["error"], "line too long: 5000 bytes (limit 1000)");
        }
    }
}

#[test]
fn output_is_the_same_on_any_number_of_threads() {
    let sample = include_str!("../examples/sample.txt");
    let input: String = (0..300)
        .map(|i| {
            json!({"id": i, "text": sample.replace("Tuesday", &format!("day {i}"))}).to_string()
                + "\n"
        })
        .collect();
    let one = Options::default().threads(NonZeroUsize::MIN).batch(64);
    let four = Options::default()
        .threads(NonZeroUsize::new(4).unwrap())
        .batch(64);
    let mut a = Vec::new();
    let mut b = Vec::new();
    run(input.as_bytes(), &mut a, &one).unwrap();
    run(input.as_bytes(), &mut b, &four).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.iter().filter(|&&c| c == b'\n').count(), 300);
}

#[test]
fn empty_input_and_blank_lines() {
    let (s, r) = run_bytes(b"", &Options::default());
    assert_eq!((s.lines, s.failed, r.len()), (0, 0, 0));
    let (s, r) = run_bytes(b"\n\r\n", &Options::default());
    assert_eq!((s.lines, s.failed, r.len()), (2, 2, 2));
}

#[test]
fn a_huge_line_is_cleaned_or_refused_in_bounded_memory() {
    let text = format!("{PROSE} ").repeat(40_000); // ~3 MB of text in one record
    let line = json!({"id": "big", "text": text}).to_string();
    let (s, r) = run_bytes(line.as_bytes(), &Options::default());
    assert_eq!((s.lines, s.failed), (1, 0));
    assert_eq!(r[0]["id"], "big");
    let (s, r) = run_bytes(line.as_bytes(), &Options::default().max_line(1 << 20));
    assert_eq!((s.lines, s.failed), (1, 1));
    assert_eq!(r[0]["line"], 1);
}

/// A writer whose reader went away after `room` bytes, like `| head -c`.
struct ClosedPipe {
    room: usize,
}

impl Write for ClosedPipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::from(io::ErrorKind::BrokenPipe));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_output_stops_the_run_with_an_error_not_a_panic() {
    let input: String = (0..5000).map(|i| good(i) + "\n").collect();
    let err = run(
        input.as_bytes(),
        ClosedPipe { room: 300 },
        &Options::default().batch(100),
    )
    .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
}

/// A reader that fails once its `data` is read, like a dropped connection.
struct Broken {
    data: Vec<u8>,
    at: usize,
}

impl io::Read for Broken {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = &self.data[self.at..];
        if rest.is_empty() {
            return Err(io::Error::other("connection dropped"));
        }
        let n = rest.len().min(buf.len()).min(100);
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn a_read_error_ends_the_run_after_writing_the_batches_read_whole() {
    // Seven whole lines, then the input breaks: batches of three are lines 1-3 and 4-6;
    // line 7's batch never ends.
    let data: String = (0..7).map(|i| good(i) + "\n").collect();
    for threads in [1, 2] {
        let opts = Options::default()
            .threads(NonZeroUsize::new(threads).unwrap())
            .batch(3);
        let input = io::BufReader::new(Broken {
            data: data.clone().into_bytes(),
            at: 0,
        });
        let mut out = Vec::new();
        let err = run(input, &mut out, &opts).unwrap_err();
        assert_eq!(err.to_string(), "connection dropped");
        let ids: Vec<Value> = out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<Value>(l).unwrap()["id"].clone())
            .collect();
        assert_eq!(ids, (0..6).map(|i| json!(i)).collect::<Vec<_>>());
    }
}

/// The built example binary, when `cargo test` built it next to this test binary.
fn example_binary() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?; // target/<profile>/deps -> target/<profile>
    let bin = dir
        .join("examples")
        .join(format!("jsonl{}", std::env::consts::EXE_SUFFIX));
    bin.exists().then_some(bin)
}

#[test]
fn example_binary_exit_status_and_closed_stdout() {
    use std::process::{Command, Stdio};
    let Some(bin) = example_binary() else {
        eprintln!("skipped: jsonl example not built");
        return;
    };
    // Exit status 1 when a line failed, and still one line out per line in.
    let mut child = Command::new(&bin)
        .args(["--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        stdin.write_all(format!("{}\nnot json\n{}", good(1), good(2)).as_bytes())
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 3);

    // Reader closes stdout early (like `| head -n 1`): a quiet exit, no panic.
    let mut child = Command::new(&bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before the first write
    let mut stdin = child.stdin.take().unwrap();
    let input: String = (0..5_000).map(|i| good(i) + "\n").collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join().unwrap(); // the child may stop reading early
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn other_fields_are_copied_as_written_and_keys_come_in_order() {
    let line = format!(
        r#"{{"zeta": 12345678901234567890123, "text": "Advertisement\n{PROSE}", "title": "old", "a\"b": [1, 2.50], "meta": {{"lang": "en"}}}}"#
    );
    let mut out = Vec::new();
    deboil::jsonl::write_record(&Cleaner::new(), line.as_bytes(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    // Numbers beyond f64 and the record's own spacing inside a value survive.
    assert!(out.contains(r#""zeta":12345678901234567890123"#), "{out}");
    assert!(out.contains(r#""a\"b":[1, 2.50]"#), "{out}");
    // An input field named like an added one is replaced, not repeated.
    assert_eq!(out.matches(r#""title":"#).count(), 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["title"].is_null());
    assert_eq!(v["body"], PROSE);
    assert_eq!(v["meta"]["lang"], "en");
    // Keys in byte order, the added ones among the record's own.
    let keys = [
        r#""a\"b":"#,
        r#""body":"#,
        r#""byline":"#,
        r#""meta":"#,
        r#""removed":"#,
        r#""text":"#,
        r#""title":"#,
        r#""zeta":"#,
    ];
    let at: Vec<usize> = keys.iter().map(|k| out.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{out}");
    // The same record through `process_line`.
    assert_eq!(process_line(&Cleaner::new(), line.as_bytes()).unwrap(), v);
}

#[test]
fn error_records_copy_the_id_exactly_as_written() {
    let cases: [&[u8]; 4] = [
        br#"{"id": 123456789012345678901234567890, "text": 5}"#,
        br#"{"id": 123456789012345678901234567890}"#,
        b"{\"id\": 123456789012345678901234567890, \"text\": \"caf\xe9\"}",
        br#"{"id": 1.50e3, "text": null}"#,
    ];
    for (k, line) in cases.iter().enumerate() {
        let mut input = line.to_vec();
        input.push(b'\n');
        let mut out = Vec::new();
        let summary = run(&input[..], &mut out, &Options::default()).unwrap();
        assert_eq!(summary.failed, 1);
        let out = String::from_utf8(out).unwrap();
        let id = if k == 3 {
            "1.50e3"
        } else {
            "123456789012345678901234567890"
        };
        assert!(
            out.starts_with(&format!(r#"{{"id":{id},"line":1,"error":"#)),
            "{out}"
        );
    }
    // Under a custom id field, the error record uses that name.
    let opts = Options::default().id_field("doc_id");
    let mut out = Vec::new();
    run(
        &br#"{"doc_id": {"a": [1, 2]}, "id": 9}"#[..],
        &mut out,
        &opts,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"doc_id\":{\"a\": [1, 2]},\"line\":1,\"error\":\"missing field `text`\"}\n"
    );
}

#[test]
fn a_lone_surrogate_is_replaced_and_the_record_cleaned() {
    let line = format!(r#"{{"id": 5, "text": "Advertisement\n{PROSE} \ud800 end \udc00x"}}"#);
    // The output copies the text field as written (serde_json's `Value` cannot hold a lone
    // surrogate, Python's `json` can): read the record without it.
    let mut out = Vec::new();
    run(line.as_bytes(), &mut out, &Options::default()).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(r#""id":5,"#) && out.contains(r#" \ud800 end"#),
        "{out}"
    );
    let mut out = Vec::new();
    let opts = Options::default().keep_text(false);
    opts.write_record(line.as_bytes(), &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["id"], 5);
    assert_eq!(v["body"], format!("{PROSE} \u{fffd} end \u{fffd}x"));
    assert_eq!(v["removed"][0]["rule"], "advert");
    // A high surrogate followed by something else than a low one, and a valid pair.
    let line = r#"{"text": "\ud83d\ude00 \ud83d\u0041 \ud83d\""}"#;
    let mut out = Vec::new();
    opts.write_record(line.as_bytes(), &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["body"], "\u{1f600} \u{fffd}A \u{fffd}\"");
}

#[test]
fn strings_decode_as_serde_json_decodes_them() {
    let texts = [
        "plain",
        "tab\tnew\nline\r\u{8}\u{c}",
        "quote \" back \\ slash /",
        "\u{0}\u{1f}\u{7f}",
        "é ü 日本 \u{1f600} \u{10ffff}",
        "",
    ];
    for t in texts {
        // serde_json escapes only what it must; an escaped '/' and \u escapes of
        // anything are written by other encoders, so also try Python's ASCII form.
        let json = serde_json::to_string(t).unwrap();
        let ascii: String = t
            .encode_utf16()
            .map(|u| format!("\\u{u:04x}"))
            .collect::<String>()
            .replace("\\u002f", "\\/");
        for text in [json, format!("\"{ascii}\"")] {
            let line = format!(r#"{{"text": {text}}}"#);
            let mut out = Vec::new();
            Options::default()
                .keep_text(false)
                .write_record(line.as_bytes(), &mut out)
                .unwrap();
            let v: Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["body"], deboil::clean(t).body(), "{text}");
        }
    }
}

#[test]
fn a_byte_order_mark_at_the_start_is_skipped() {
    let input = format!("\u{feff}{}\n{}\n", good(1), good(2));
    let (s, r) = run_bytes(input.as_bytes(), &Options::default());
    assert_eq!((s.lines, s.failed), (2, 0));
    assert_eq!(r[0]["id"], 1);
    // Only at the start of the input: on a later line it is an error.
    let input = format!("{}\n\u{feff}{}\n", good(1), good(2));
    let (s, _) = run_bytes(input.as_bytes(), &Options::default());
    assert_eq!(s.failed, 1);
}

#[test]
fn text_field_keep_text_and_char_offsets() {
    let text = format!("Publicité\n{PROSE}");
    let line = json!({"id": 1, "content": text, "text": "other"}).to_string();
    let opts = Options::default()
        .text_field("content")
        .keep_text(false)
        .offsets(deboil::jsonl::Offsets::Chars);
    let mut out = Vec::new();
    opts.write_record(line.as_bytes(), &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v.get("content").is_none(), "{v}");
    assert_eq!(v["text"], "other");
    assert_eq!(v["body"], PROSE);
    let (start, end) = (
        v["removed"][0]["start"].as_u64().unwrap(),
        v["removed"][0]["end"].as_u64().unwrap(),
    );
    // Char offsets: the span's text is the same slice of the string in chars.
    let chars: Vec<char> = text.chars().collect();
    let span: String = chars[start as usize..end as usize].iter().collect();
    assert_eq!(span, "Publicité\n");
    // Byte offsets by default.
    let v = process_line(
        &Cleaner::new(),
        json!({"text": text}).to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(v["removed"][0]["end"], "Publicité\n".len());
}

#[test]
fn progress_counts_lines_bytes_and_failures() {
    let progress = std::sync::Arc::new(deboil::jsonl::Progress::new());
    let input = format!("{}\nnot json\n{}\n", good(1), good(2));
    let opts = Options::default().batch(1).progress(progress.clone());
    let (s, _) = run_bytes(input.as_bytes(), &opts);
    assert_eq!((s.lines, s.failed), (3, 1));
    assert_eq!((progress.lines(), progress.failed()), (3, 1));
    assert_eq!(progress.bytes(), input.len() as u64);
}
