//! Indonesian phrases.

use super::Phrases;

/// Months, for date lines ("19 November 2019").
macro_rules! month {
    () => {
        r"(?:jan(?:uari)?|feb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|agu(?:s(?:tus)?)?|agt|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?)\.?"
    };
}

/// Weekdays, optionally in front of a date.
macro_rules! weekday {
    () => {
        r"(?:(?:senin|selasa|rabu|kamis|jumat|jum['’]at|sabtu|minggu|ahad),?\s*)?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:foto|gambar|ilustrasi|video|sumber(?: foto| gambar)?|kredit(?: foto)?)\s*[:：|]\s*.{1,150}",
        r"(?:foto|gambar) (?:oleh|dari|via) .{1,100}",
        r"\(?(?:foto|gambar|ilustrasi)\)?",
    ],
    subscribe: &[
        r"berlangganan(?: sekarang| gratis)?",
        r"berlangganan (?:ke|untuk|dengan) .{1,80}",
        r"(?:sudah (?:berlangganan|menjadi pelanggan|punya akun)).{0,60}",
        r"(?:lanjutkan|lanjut) membaca.{0,60}",
        r"(?:artikel|konten) (?:ini )?(?:khusus|hanya untuk) (?:pelanggan|member|anggota).{0,40}",
        r"(?:dukung|mendukung) jurnalisme .{0,100}",
    ],
    newsletter: &[
        r"(?:daftar|berlangganan|dapatkan) (?:untuk )?(?:newsletter|buletin).{0,80}",
        r".{0,60}(?-u:\b)langsung (?:ke|di) (?:email|kotak masuk|inbox) (?:anda|kamu).{0,60}",
        r"(?:masukkan )?(?:alamat )?email (?:anda|kamu)",
        r"terima kasih (?:telah|sudah) (?:berlangganan|mendaftar).{0,120}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:kami menggunakan|situs (?:web )?ini menggunakan|website ini menggunakan|menggunakan)(?-u:\b).{0,80}(?-u:\b)cookies?(?-u:\b).{0,250}",
        r"(?:terima|tolak|setuju)(?: semua)?(?: cookies?)?",
        r"(?:kebijakan|pengaturan) (?:cookies?|kuki)",
        r"(?:saya )?(?:setuju|mengerti)",
    ],
    share: &[
        r"(?:bagikan|bagikan ke|bagikan di|share)(?: artikel ini| berita ini)?(?: \S+)?",
        r"ikuti (?:kami|kita)(?: di .{1,60})?",
        r"(?:kirim|bagikan) (?:lewat|via|melalui) (?:email|whatsapp|wa)",
        r"cetak|salin tautan|tautan disalin|salin link|simpan",
    ],
    advert: &[
        r"iklan",
        r"(?:konten|artikel) (?:bersponsor|sponsor|promosi)|disponsori oleh .{1,60}",
        r"(?:scroll|gulir) (?:ke bawah )?untuk (?:melanjutkan|lanjut) membaca.{0,40}",
        r"advertorial",
    ],
    navigation: &[
        r"(?:langsung )?(?:ke|lompat ke) (?:konten|isi|menu)(?: utama)?",
        r"masuk|keluar|daftar|login|log masuk|registrasi",
        r"menu(?: utama)?",
        r"cari(?: \S+)?|pencarian",
        r"beranda|tutup|kembali(?: ke atas| ke beranda)?",
        r"(?:artikel |berita )?(?:sebelumnya|selanjutnya|berikutnya)",
        r"(?:lihat|muat|tampilkan) (?:lebih banyak|semua|selengkapnya)(?: \S+)?|selengkapnya",
        r"akun saya|profil saya",
        r"indeks(?: berita)?",
    ],
    related: &[
        r"baca (?:juga|pula|lainnya|selengkapnya)(?:\s*[:|>»].{0,100})?",
        r"(?:berita|artikel|postingan|tulisan) (?:terkait|lainnya|populer|terbaru|terkini|pilihan)(?:\s*[:|].{0,100})?",
        r"terkait|terpopuler|terkini|terbaru|paling (?:banyak dibaca|populer|dibaca)|populer",
        r"(?:anda|kamu) (?:mungkin )?(?:juga )?(?:suka|menyukai|tertarik).{0,20}",
        r"(?:rekomendasi|pilihan editor)(?: untuk (?:anda|kamu))?",
        r"(?:tag|topik|kategori|label)\s*:.{0,120}",
        r"jangan lewatkan.{0,80}",
    ],
    comments: &[
        r"(?:\d+ )?komentar(?: \(\d+\))?",
        r"(?:tinggalkan|tulis|kirim|berikan|beri) (?:sebuah |sebuah balasan|komentar|balasan|tanggapan)(?: anda)?.{0,40}",
        r"(?:lihat|tampilkan|muat) (?:semua )?komentar.{0,20}",
        r"balas|batalkan balasan|laporkan",
        r"(?:\d+ )?(?:balasan|tanggapan)",
        r"komentar (?:ditutup|dinonaktifkan).{0,80}",
        r"(?:anda|kamu) harus (?:masuk|login) untuk (?:mengirim|menulis|memberi) komentar.{0,40}",
    ],
    footer: &[
        r".{0,60}hak cipta dilindungi(?: undang-undang)?.{0,150}",
        r"kebijakan privasi|syarat(?: dan| &) ketentuan|ketentuan layanan|pedoman media siber|disclaimer",
        r"tentang kami|hubungi kami|kontak(?: kami)?|redaksi|karir|peta situs|info iklan|pasang iklan",
    ],
    metadata: &[
        concat!(
            r"(?:diterbitkan|dipublikasikan|diperbarui|diperbaharui|diposting|dipublikasi|terbit|update)(?:\s*(?:pada|pukul|:))*\s*",
            weekday!(),
            r"(?:\d{1,2}\s+",
            month!(),
            r"\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})(?:,?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*wi[bta])?.{0,20})?"
        ),
        concat!(
            weekday!(),
            r"\d{1,2}\s+",
            month!(),
            r"\s+\d{4}(?:,?\s*(?:[|-]\s*)?(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*wi[bta])?.{0,20})?"
        ),
        r"\d+\s*(?:menit|mnt) (?:membaca|baca|waktu baca)|waktu baca\s*:?.{0,30}",
        r"\d+ (?:detik|menit|jam|hari|minggu|bulan|tahun) (?:yang )?lalu",
        r"(?:dibaca|dilihat)\s*:?\s*\d[\d.,]*(?: kali)?",
    ],
    byline: &[
        concat!(r"(?-i:Oleh|OLEH|oleh)\s*:?\s+", name2!(), byline_tail!()),
        r"(?-i:Oleh|OLEH|oleh)\s*:\s*.{1,60}",
        r"(?:penulis|editor|reporter|pewarta|kontributor|penyunting)\s*:\s*.{1,80}",
    ],
    consent_purposes: &[],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_indonesian_boilerplate() {
        assert_removed("subscribe", &["Berlangganan", "Lanjutkan membaca"]);
        assert_removed("share", &["Bagikan artikel ini", "Ikuti kami di Instagram"]);
        assert_removed("advert", &["Iklan"]);
        assert_removed("navigation", &["Beranda", "Masuk", "Cari"]);
        assert_removed(
            "related",
            &[
                "Baca juga: Hujan deras di Jakarta",
                "Berita Terkait",
                "Terpopuler",
            ],
        );
        assert_removed("comments", &["Tinggalkan Balasan", "3 Komentar", "Balas"]);
        assert_removed(
            "footer",
            &[
                "Kebijakan Privasi",
                "Hak cipta dilindungi undang-undang",
                "Pedoman Media Siber",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "Selasa, 19 November 2019 08:57 WIB",
                "19 Nov 2019",
                "3 jam yang lalu",
            ],
        );
        assert_removed("byline-by", &["Oleh Budi Santoso", "Penulis: Siti Aminah"]);
        assert_removed("image-credit", &["Foto: Budi Santoso"]);
    }

    #[test]
    fn keeps_indonesian_prose() {
        assert_kept(&[
            "Oleh karena itu, pemerintah menunda pemungutan suara hingga Senin.",
            "Oleh Presiden, menteri itu diminta menyelesaikan proyek tersebut.",
            "Pada 19 November 2019, komisi itu bertemu untuk pertama kalinya.",
            "Komentar menteri itu memicu perdebatan di parlemen.",
            "Iklan rokok dilarang di televisi sejak tahun lalu.",
        ]);
    }
}
