//! Language identification of the article text (whatlang's trigram model).

/// The language of a tag as pages and feeds write it (`en-GB`, `de_DE`, `fr`): its
/// lowercase primary code, when it looks like one.
pub fn code_of_tag(tag: &str) -> Option<String> {
    let code = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ((2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic())).then_some(code)
}

/// ISO 639-1 code of the text's language, when the detector is confident.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    // Short texts in languages with close neighbours (Russian/Ukrainian) are rarely
    // "reliable" to whatlang; a clear margin over the runner-up is enough here.
    // A few hundred chars are plenty for a reliable guess and keep this cheap.
    let sample: String = text.chars().take(1000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang().code()))
}

/// Maps whatlang's ISO 639-3 codes to ISO 639-1 where one exists (as HTML `lang`
/// attributes and most news metadata use); other codes pass through.
fn iso639_1(code: &'static str) -> &'static str {
    match code {
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "cym" => "cy",
        "epo" => "eo",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn detects_english_and_russian() {
        let en = "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi ahead of a summit on Syrian peace talks.";
        assert_eq!(super::detect(en), Some("en"));
        let ru = "Президент России Владимир Путин встретился с президентом Сирии Башаром Асадом в Сочи. Как сообщили в Кремле, встреча продолжалась четыре часа, и стороны обсудили политическое урегулирование в Сирии, которое, по его словам, должно проходить под эгидой Организации Объединённых Наций.";
        assert_eq!(super::detect(ru), Some("ru"));
        assert_eq!(super::detect("123 456"), None);
        // Too short to tell Russian from Bulgarian: better no answer than a wrong one.
        assert_eq!(super::detect("Путин встретился с Асадом."), None);
    }
}
