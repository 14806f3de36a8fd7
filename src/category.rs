//! What kind of boilerplate a removed span is.

use core::fmt;
use core::str::FromStr;

macro_rules! categories {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal, )*) => {
        /// The kind of a removed span: why it is not article body.
        ///
        /// Displays and parses as a short kebab-case name (`"subscribe"`, `"low-content"`).
        ///
        /// ```
        /// use deboil::Category;
        /// assert_eq!(Category::Newsletter.to_string(), "newsletter");
        /// assert_eq!("low-content".parse::<Category>().unwrap(), Category::LowContent);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Category {
            $( $(#[$doc])* $variant, )*
        }

        impl Category {
            /// Every category, in declaration order.
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The category's kebab-case name, as shown by `Display`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Category::$variant => $name,)*
                }
            }
        }

        impl FromStr for Category {
            type Err = UnknownCategory;
            fn from_str(s: &str) -> Result<Category, UnknownCategory> {
                match s {
                    $($name => Ok(Category::$variant),)*
                    _ => Err(UnknownCategory(s.to_owned())),
                }
            }
        }
    };
}

categories! {
    /// The page's headline (kept out of the body; see [`Cleaned::title`](crate::Cleaned::title)).
    Title => "title",
    /// The author line ("By Jane Doe", "Jane Doe, The Daily").
    Byline => "byline",
    /// Dates, reading times, section labels, tags and similar page metadata.
    Metadata => "metadata",
    /// A picture's caption.
    Caption => "caption",
    /// Image URLs, image credits ("Photo: … / Getty Images") and image placeholders.
    Image => "image",
    /// Subscription and paywall prompts ("Subscribe to …", "Already a subscriber?").
    Subscribe => "subscribe",
    /// Newsletter sign-up blurbs.
    Newsletter => "newsletter",
    /// Share and follow prompts ("Share this article", "Follow us on …").
    Share => "share",
    /// Cookie and consent notices.
    Cookie => "cookie",
    /// Advertisement markers and sponsored blocks.
    Advert => "advert",
    /// Menus, breadcrumbs, "skip to content", login links and other site navigation.
    Navigation => "navigation",
    /// "Related articles", "Read more", "Most popular" lists and teasers of other pages.
    Related => "related",
    /// Reader comments and the prompts around them.
    Comments => "comments",
    /// The author's biography after the article.
    Bio => "bio",
    /// Copyright lines, legal links and the rest of the page footer.
    Footer => "footer",
    /// Lines the layout repeats (the same blurb twice).
    Repeated => "repeated",
    /// Bare URLs alone on a line.
    Url => "url",
    /// Lines that read like page furniture rather than prose (the statistical rules).
    LowContent => "low-content",
    /// Anything else, e.g. a custom rule's removals.
    Other => "other",
}

impl fmt::Display for Category {
    /// Writes the name, padded to the formatter's width (`{:<12}`, `{:>8}`, `{:^9}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The error of parsing a [`Category`] from an unknown name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory(pub String);

impl fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown category `{}`", self.0)
    }
}

impl std::error::Error for UnknownCategory {}

#[cfg(feature = "serde")]
impl serde::Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Category, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &c in Category::ALL {
            assert_eq!(c.to_string().parse::<Category>(), Ok(c));
        }
        assert!("nonsense".parse::<Category>().is_err());
    }

    #[test]
    fn display_honours_width_and_fill() {
        assert_eq!(format!("[{:<8}]", Category::Url), "[url     ]");
        assert_eq!(format!("[{:>8}]", Category::Url), "[     url]");
        assert_eq!(format!("[{:*^7}]", Category::Url), "[**url**]");
        assert_eq!(format!("[{:.3}]", Category::Subscribe), "[sub]");
    }
}
