//! The HTML report (`deboil::report::html`) in a real browser: headless Chromium loads a
//! report of a page with many categories, dumps the DOM it built and takes a screenshot;
//! the test checks that every removed span is an element with its category and rule,
//! that the document's text is the input (nothing swallowed by bad escaping, no injected
//! element), and that the screenshot shows each category's colours — and no colour of a
//! category the page does not have.
//!
//! Needs `chromium` (Debian's package; or the browser named by `DEBOIL_CHROMIUM`). Without
//! one the test prints a notice and passes, unless `DEBOIL_REQUIRE_BROWSER=1` (as in
//! `.ci/run`), where a missing browser fails it. The page, the DOM and the screenshot are
//! left in `target/tmp/report-browser/` to look at.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A news page of our own, with navigation, a cookie notice, title, byline, metadata,
/// image lines, share, subscribe and newsletter prompts, related links, comments and a
/// footer around four paragraphs; quotes, `&` and a `<script>` tag in the text.
const PAGE: &str = "Skip to content
* [Home](/)
* [World](/world)
* [Business](/business)
* [Science](/science)
* [Weather](/weather)

We use cookies to improve your experience. By continuing you accept our cookie policy.

# Harbour town votes to \"rebuild\" the old sea wall & pier

By Marta Lindqvist, Science Correspondent

Updated 14 March 2024 · 5 min read

![A wave breaks over the old sea wall](https://img.example.org/seawall.jpg)

Photo: Jonas Berg / Coastal Images

Residents of the harbour town voted on Tuesday to rebuild the old sea wall, which has stood since 1887 and was badly damaged by the winter storms.

The council had put two plans to the vote: a cheaper repair of the existing stones, or a new wall of reinforced concrete faced with the old granite. The second plan won by 2,314 votes to 1,907.

\"We can't keep patching it every spring,\" said the harbour master, who has watched the sea break over the wall more often each year. Engineers warned that a tag like <script>alert('wall')</script> in a planning form would not stop the water either.

Work is expected to start in September and to last about eighteen months, during which the pier will be closed to visitors & fishing boats will use the north quay.

Share this article
Share on Facebook
Share on Twitter

Subscribe for unlimited access to our journalism. Already a subscriber? Log in

Sign up for our weekly newsletter and get the best stories in your inbox.

## Related stories
* [Storm damage bill passes £3m](/news/storm-bill)
* [The granite quarry that built the coast](/news/quarry)

Comments (12)

© 2024 Harbour Gazette Ltd. All rights reserved. | Privacy policy | Terms of use | Contact us
";

/// How long one browser run may take before the test gives up.
const TIMEOUT: Duration = Duration::from_secs(120);

#[test]
fn report_renders_in_headless_chromium() {
    let Some(browser) = find_browser() else {
        if std::env::var_os("DEBOIL_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
            panic!("DEBOIL_REQUIRE_BROWSER=1 but no chromium found (PATH or DEBOIL_CHROMIUM)");
        }
        // Past the test harness's capture, so that it shows in a plain `cargo test`.
        let _ = writeln!(
            std::io::stderr(),
            "report_renders_in_headless_chromium: SKIPPED, no chromium on PATH \
             (apt-get install chromium, or set DEBOIL_CHROMIUM)"
        );
        return;
    };

    let cleaned = deboil::clean(PAGE);
    let categories: std::collections::BTreeSet<_> =
        cleaned.removed().iter().map(|r| r.category).collect();
    assert!(
        categories.len() >= 8,
        "the fixture should show many categories, got {categories:?}"
    );
    let html = deboil::report::html(&cleaned);

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("output directory");
    let page = dir.join("report.html");
    std::fs::write(&page, &html).expect("write the report");
    let url = format!("file://{}", page.display());

    // The DOM after parsing and rendering.
    let dom = run_browser(&browser, &dir.join("profile-dom"), &["--dump-dom", &url]);
    let dom = String::from_utf8(dom).expect("the DOM is UTF-8");
    std::fs::write(dir.join("dom.html"), &dom).expect("write the DOM");
    check_dom(&dom, &cleaned);

    // The screenshot.
    let png = dir.join("report.png");
    run_browser(
        &browser,
        &dir.join("profile-shot"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,2000",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            &url,
        ],
    );
    check_screenshot(&png, &html, &cleaned);
}

/// Every removed span is a `span.rm` element with its category class and attributes, in
/// order; the document's text is the input; the `<script>` in the input is text, not an
/// element.
fn check_dom(dom: &str, cleaned: &deboil::Cleaned<'_>) {
    let spans: Vec<HashMap<&str, &str>> = dom
        .match_indices("<span class=\"rm ")
        .map(|(at, _)| attributes(&dom[at..at + dom[at..].find('>').expect("tag end")]))
        .collect();
    assert_eq!(
        spans.len(),
        cleaned.removed().len(),
        "removed spans in the DOM"
    );
    for (span, r) in spans.iter().zip(cleaned.removed()) {
        let category = r.category.to_string();
        assert_eq!(span["class"], format!("rm c-{category}"));
        assert_eq!(span["data-category"], category);
        assert_eq!(span["data-rule"], &*r.rule);
        assert_eq!(span["data-start"], r.span.start.to_string());
        assert_eq!(span["data-end"], r.span.end.to_string());
        assert!(span["title"].starts_with(&format!("{} · {category}", r.rule)));
    }
    assert!(
        !dom.contains("<script"),
        "the input's <script> became an element"
    );
    let start = dom.find("<div class=\"doc\">").expect("the document") + 17;
    let end = start + dom[start..].find("</div>").expect("end of the document");
    assert_eq!(text_content(&dom[start..end]), PAGE.replace("\r\n", "\n"));
    // The legend lists every category with its counts.
    for c in cleaned.removed().iter().map(|r| r.category) {
        assert!(
            dom.contains(&format!("id=\"show-{c}\"")),
            "legend row for {c}"
        );
    }
}

/// The screenshot shows every category's background and border colour (read from the
/// page's style sheet), and none of a category that the page does not have.
fn check_screenshot(png: &Path, html: &str, cleaned: &deboil::Cleaned<'_>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).expect("the screenshot was written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("PNG size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "8-bit screenshot");
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert!(info.width >= 1000 && info.height >= 1000, "{info:?}");
    // Every pixel by colour, and the pixels in horizontal runs of at least `RUN` pixels
    // of one colour: filled areas, which anti-aliased text and borders never make.
    const RUN: usize = 40;
    let mut pixels: HashMap<[u8; 3], usize> = HashMap::new();
    let mut runs: HashMap<[u8; 3], usize> = HashMap::new();
    let row_bytes = info.width as usize * channels;
    for row in buf[..info.buffer_size()].chunks_exact(row_bytes) {
        let mut run = ([0u8; 3], 0usize);
        for px in row.chunks_exact(channels) {
            let colour = [px[0], px[1], px[2]];
            *pixels.entry(colour).or_default() += 1;
            if colour == run.0 {
                run.1 += 1;
            } else {
                if run.1 >= RUN {
                    *runs.entry(run.0).or_default() += run.1;
                }
                run = (colour, 1);
            }
        }
        if run.1 >= RUN {
            *runs.entry(run.0).or_default() += run.1;
        }
    }
    let count = |hex: &str| pixels.get(&rgb(hex)).copied().unwrap_or(0);
    let filled = |hex: &str| runs.get(&rgb(hex)).copied().unwrap_or(0);
    // Mostly white page.
    let total = (info.width * info.height) as usize;
    assert!(filled("#ffffff") > total / 3, "a white page");

    let present: std::collections::HashSet<String> = cleaned
        .removed()
        .iter()
        .map(|r| r.category.to_string())
        .collect();
    let mut checked = 0;
    for (name, bg, fg) in category_colours(html) {
        let (bg_px, fg_px) = (filled(&bg), count(&fg));
        if present.contains(&name) {
            // At least a line of text's height (13 px) filled across the document, and
            // the left border (4 px wide) of at least one line.
            assert!(
                bg_px >= 13 * 500,
                "{name}: {bg_px} pixels filled with its background {bg}"
            );
            assert!(
                fg_px >= 4 * 13,
                "{name}: {fg_px} pixels of its border colour {fg}"
            );
            checked += 1;
        } else {
            assert_eq!(
                bg_px, 0,
                "{name} is not on the page but areas of its colour {bg} are"
            );
        }
    }
    assert_eq!(
        checked,
        present.len(),
        "every present category's colours checked"
    );
}

/// `name`, background and border colour of every category, from the page's style sheet
/// rules `.c-NAME{--bg:#rrggbb;--fg:#rrggbb}`.
fn category_colours(html: &str) -> Vec<(String, String, String)> {
    let colours: Vec<_> = html
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(".c-")?;
            let (name, rest) = rest.split_once("{--bg:")?;
            let (bg, rest) = rest.split_once(";--fg:")?;
            let fg = rest.strip_suffix('}')?;
            Some((name.to_owned(), bg.to_owned(), fg.to_owned()))
        })
        .collect();
    assert_eq!(
        colours.len(),
        deboil::Category::ALL.len(),
        "a colour pair per category"
    );
    colours
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("a #rrggbb colour");
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// The attributes of a start tag (`<span a="x" b="y"`), values undecoded but for `&quot;`
/// and `&amp;`, which is all the checked values can hold.
fn attributes(tag: &str) -> HashMap<&str, &str> {
    let mut map = HashMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(' ').next().expect("attribute name");
        let value_end = eq + 2 + rest[eq + 2..].find('"').expect("attribute end");
        map.insert(name, &rest[eq + 2..value_end]);
        rest = &rest[value_end + 1..];
    }
    map
}

/// The text of serialised HTML: tags dropped, the entities a serialiser writes decoded.
fn text_content(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            rest = &rest[rest.find('>').expect("tag end") + 1..];
        } else {
            let semi = rest.find(';').expect("entity end");
            text.push_str(match &rest[..=semi] {
                "&amp;" => "&",
                "&lt;" => "<",
                "&gt;" => ">",
                "&quot;" => "\"",
                "&nbsp;" => "\u{a0}",
                e => panic!("unexpected entity {e}"),
            });
            rest = &rest[semi + 1..];
        }
    }
    text.push_str(rest);
    text
}

/// The browser named by `DEBOIL_CHROMIUM`, or the first Chromium on `PATH`.
fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DEBOIL_CHROMIUM") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium with a fresh profile in `profile` and the flags that work
/// offline and as root, then `args`; returns its stdout. Panics (with its stderr) when it
/// fails or takes longer than [`TIMEOUT`].
fn run_browser(browser: &Path, profile: &Path, args: &[&str]) -> Vec<u8> {
    std::fs::create_dir_all(profile).expect("profile directory");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the browser") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} {args:?} took over {TIMEOUT:?}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out.join().expect("stdout reader");
    let err = err.join().expect("stderr reader");
    assert!(
        status.success(),
        "{} {args:?} failed ({status}):\n{}",
        browser.display(),
        String::from_utf8_lossy(&err)
    );
    out
}
