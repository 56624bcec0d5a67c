//! Plain-text articles: the first line is the title (when it reads as one), an optional "By ..." line is the
//! byline, the rest is the body, minus the page furniture that copy-pasted or scraped
//! text often ends with ("Other news", "Related articles", share and subscribe lines).

use std::sync::LazyLock;

use gazette_doc::Meta;
use regex::Regex;

/// Lines that are page furniture rather than article text when they stand alone.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\p{P}\p{S}]*(
            (other|more|latest|top|related|recommended|popular|trending)\s+(news|stories|articles|posts|reads|videos|links)
          | related(\s+(articles?|stories|content|coverage|topics))?
          | (you\s+)?(may|might)\s+(also\s+)?like.*
          | see\s+also | read\s+(more|next|also)(\s+.*)? | also\s+read.*
          | (share|tweet|email|print)(\s+(this|on|via)\b.*|\s+(article|story|page))?
          | share\s+this\s+(article|story|page)?
          | (subscribe|sign\s+up|follow\s+us|join\s+us)\b.*
          | (click|tap)\s+here\b.*
          | advertisement | sponsored(\s+content)? | comments?(\s*\(\d+\))? | leave\s+a\s+(comment|reply).*
          | tags?\s*:.* | topics?\s*:.* | filed\s+under\s*:?.*
          | (all\s+rights\s+reserved|copyright\b|©).*
          | newsletter.* | back\s+to\s+top | next\s+article | previous\s+article
          | follow\s+(us\b.*|.*\bon\s+(twitter|facebook|instagram|linkedin).*)
          | (this|the)\s+(article|story|entry|post|content)\s+(is|was)\s+(the\s+)?(copyright|posted|filed|published).*
          | .*written\s+permission.* | .*not\s+responsible\s+for\s+the\s+(opinions|content).*
          | \d+\s+min(ute)?s?\s+read | posted\s+in\b.*
          | (photo|photograph|image|picture|credit|credits|source|foto|fotos|bild|bilder|titelbild|beitragsbild|bildquelle|quelle|crédit|crédits|fuente)\s*:.*
          | ((photo|image|picture|foto|bild)\s+(credits?|sources?|quellen?)|crédits?\s+(photos?|images?)|(bild|foto)nachweise?)\s*:.*
          | (permalink|permalien)(\s*:)?(\s+https?://\S+)? | explore\s+further
          | (der\s+)?artikel\s+wurde\s+(erfolgreich\s+)?(hinzugefügt|in\s+den\s+warenkorb\s+gelegt)
          | (the\s+)?(item|product)\s+(was|has\s+been)\s+(successfully\s+)?added\s+to\s+(your\s+)?(cart|basket)
          | .*(getty\s+images|shutterstock|/\s*afp|/\s*dpa|/\s*reuters|/\s*ap)
          | (noch\s+)?(mehr|weitere)\s+(zum\s+thema|artikel|beiträge|nachrichten|news|infos?)\b.* | weiter(lesen)?
          | jetzt\s+(.{1,50}\s+)?(anmelden|registrieren|abonnieren) | customer\s+(care|service)
          | (artikel|beitrag|seite)\s+(teilen|drucken|merken|empfehlen) | teilen | drucken
          | kommentare?(\s*\(\d+\))? | kommentieren.* | bild\s+anzeigen | vorschau\b.*
          | zurück(\s+zur\s+übersicht)? | nach\s+oben | eingestellt\s+von\b.* | erstellt\s+am\b.*
          | schon\s+gelesen.* | das\s+könnte\s+(sie|dich)\s+auch\s+interessieren.* | anzeige | werbung
          | (lire|voir)\s+aussi.* | à\s+lire\s+(aussi|également).* | partager.* | publicité
          | (lee|leer|ver|lea)\s+también.* | compartir.* | publicidad
        )[\s\p{P}\p{S}]*$",
    )
    .expect("furniture pattern compiles")
});

/// Furniture lines that count or offer a file ("Showing 1–12 of 48 results", "Seite 2 von
/// 5", "Dieses Skript als PDF herunterladen"), matched as [`FURNITURE`] is. Apart, so that
/// the lines with no number and no "pdf", most of them, skip these costly alternatives.
static FURNITURE_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\p{P}\p{S}]*(
            ((download|save)\s+(this\s+|the\s+)?(\w+\s+)?as\s+(a\s+)?pdf | (\w+\s+){0,3}als\s+pdf\s+(herunterladen|speichern))
          | (es\s+werden\s+(die\s+)?(\w+\s+)?)?\d+\s+bis\s+\d+\s+\(?von\s+(insgesamt\s+)?\d+\)?(\s+\w+)?(\s+angezeigt)?
          | (showing|displaying)\s+(results?\s+)?\d+\s*(–|-|to)\s*\d+\s+\(?of\s+\d+(\s+\w+)?\)? | (seite|page)\s+\d+\s+(von|of)\s+\d+
        )[\s\p{P}\p{S}]*$",
    )
    .expect("furniture count pattern compiles")
});

/// Whether a line may be one of [`FURNITURE_COUNTS`]: it holds a digit (any script's, as
/// `\d` reads them) or "pdf".
fn may_count(line: &str) -> bool {
    line.chars().any(char::is_numeric)
        || line
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"pdf"))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(\s+(\p{Lu}[\p{L}.'’-]*|and|&|,|de|van|von|al|bin))*\s*$",
    )
    .expect("byline pattern compiles")
});

/// A wire dateline at the start of an article: a place in capitals, maybe its country
/// or state, a date and the agency, then a dash or colon ("SOCHI, Russia (Reuters) -",
/// "WASHINGTON (AP) —", "LONDON, Nov 21 (Reuters) -", "NEW DELHI:").
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<dl>\p{Lu}{2}[\p{Lu}\p{M}'’.-]*(?:[ /]\p{Lu}[\p{Lu}\p{M}'’.-]+){0,3}(?:,\s*\p{Lu}[\p{L}.'’]*(?:\s\p{Lu}[\p{L}.'’]*){0,2}){0,2}(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?(?:\s*\([^()\n]{1,40}\))?)\s*(?:-{1,2}|–|—|:)\s+\S",
    )
    .expect("dateline pattern compiles")
});

/// The dateline opening `body` and the byte offset where the article text then starts.
pub(crate) fn dateline(body: &str) -> Option<(&str, usize)> {
    let c = DATELINE.captures(body)?;
    let dl = c.name("dl")?;
    // The first word must be a place name in capitals of at least three letters.
    let first = dl.as_str().split([' ', ',', '(']).next().unwrap_or("");
    if first.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let whole = c.get(0)?;
    // The match ends one character into the article text.
    let rest = whole.end() - whole.as_str().chars().last()?.len_utf8();
    Some((dl.as_str().trim(), rest))
}

/// Whether a line (or short paragraph) is page furniture: a short navigation, sharing
/// or promotion phrase that is not article text, or one of the whole sentences sites put
/// under every article (follow us, get our app, copyright and liability notices).
pub fn is_furniture(line: &str) -> bool {
    is_furniture_phrase(line) || is_furniture_sentence(line)
}

/// The short phrases of [`is_furniture`] alone ("Other news", "Share this").
pub(crate) fn is_furniture_phrase(line: &str) -> bool {
    let line = line.trim();
    line.is_empty()
        || (line.chars().count() <= 80
            && (FURNITURE.is_match(line)
                || (may_count(line) && FURNITURE_COUNTS.is_match(line))
                || is_date_line(line)
                || is_code_name(line)))
}

/// A line that is a name from the page's code rather than words: a style breakpoint
/// ("medium-browser-and-portrait-tablet") or a picture's file path
/// ("images/stories/kolumne/NAC_Kolumne_Wolf.png") that a template printed as text.
fn is_code_name(line: &str) -> bool {
    if line.contains(char::is_whitespace) {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let picture = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let kebab = line.split('-').count() >= 3
        && line
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()));
    picture || kebab
}

/// A line that is only a date (and maybe a time): the story's date or a post's, set on a
/// line of its own above or below the text. The date is metadata, kept as such. The year
/// must be there, so that "3. Klasse" or "Mai 1968" stay text.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // A clock time, with its zone when given ("9:11 a.m.", "4:59 AM UTC", "21:56 Uhr").
    const TIME: &str = r"\d{1,2}[:.h]\d{2}(\s*(uhr|h|a\.?\s?m\.?|p\.?\s?m\.?))?(\s*\(?(utc|gmt|[ecmp][sd]t|cest?|ist|bst)\)?)?";
    Regex::new(&format!(
        r"(?ix)^[\s\p{{P}}]*
        ((updated|aktualisiert|veröffentlicht|published|posted|erstellt|publicado|publié|mis\s+à\s+jour|date|datum|stand)(\s+(am|on|le|el))?\s*:?\s*)?
        ( \d+\s+(mins?|minutes?|hrs?|hours?|days?)\s+ago
        | ({TIME}\s*,?\s*)?
          (\p{{L}}{{2,12}}\.?(,\s*|\s+))?
          ( \d{{1,2}}\.?\s*\p{{L}}{{3,12}}\.?,?\s+\d{{4}}
          | \p{{L}}{{3,12}}\.?\s+\d{{1,2}}(st|nd|rd|th)?\.?,?\s+\d{{4}}
          | \d{{1,2}}\.\s?\d{{1,2}}\.\s?(\d{{4}}|\d{{2}})
          | \d{{4}}-\d{{2}}-\d{{2}}
          | \d{{1,2}}/\d{{1,2}}/\d{{4}}
          | \d{{1,2}}\s+de\s+\p{{L}}{{3,12}}\s+de\s+\d{{4}} )
          (\s*[,|–—-]?\s*(um\s+|at\s+|à\s+|a\s+las\s+)?{TIME})? )
        [\s\p{{P}}]*$"
    ))
    .expect("date line pattern compiles")
});

/// Whether a line holds only dates: one, or several set apart by bars ("April 24, 2020 at
/// 9:11 a.m. | Updated: April 24, 2020 at 9:26 a.m.").
fn is_date_line(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_digit()) && line.split('|').all(|part| DATE_LINE.is_match(part))
}

/// Words one of which every furniture sentence holds: a cheap test before the pattern.
static FURNITURE_SENTENCE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)newsletter|inbox|twitter|facebook|instagram|linkedin|(?-u:\b)x(?-u:\b)|latest|download|copyright|rights|rechte|droits|derechos|direitos|diritti|permission|reproduc|republish|redistribut|responsible|subscri|sorgfältig|haftung|on\s+line|citation|cite|laden\s+sie|button",
    )
    .expect("furniture word pattern compiles")
});

/// A caption ends with its picture's credit: "(Foto: Getty)", "| © Augusta National/Getty
/// Images", "© AFP / Marco Bertorello".
static CREDIT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\(\s*(foto|fotos|photo|photos|bild|image|quelle|source|credit|crédit)\s*:[^()]{1,60}\)|©[^.!?©]{1,60})\s*$",
    )
    .expect("credit pattern compiles")
});

/// The furniture sentences of [`is_furniture`] alone (follow us, copyright notices).
pub(crate) fn is_furniture_sentence(line: &str) -> bool {
    let line = line.trim();
    // Every block of a page passes here: the cheap tests first.
    // A paragraph opening with © is the site's notice, however long it runs on.
    if line.starts_with('©') {
        return line.len() <= 2000;
    }
    if line.len() > 1000 || line.chars().count() > 250 {
        return line.len() <= 2000 && is_site_notice(line);
    }
    is_site_notice(line)
        || ((line.ends_with(')') || line.contains('©')) && CREDIT_AT_END.is_match(line))
        || (FURNITURE_SENTENCE_WORDS.is_match(line) && FURNITURE_SENTENCE.is_match(line))
}

/// What a site says about itself rather than about the story, in a banner or box that
/// the page builds around every article: its cookies ("We use cookies to ...", "Diese
/// Website verwendet Cookies"), that the browser lacks JavaScript or is too old, an
/// offer of push notifications, the reader's ad blocker, its affiliate links, the
/// controls of its interface, its consent dialog, a log-in prompt, its netiquette, its
/// appeals for support. A cookie notice may run to a few
/// sentences; the others are short. An article about cookies or browsers talks about them
/// in the third person, which these patterns do not match.
fn is_site_notice(line: &str) -> bool {
    // The opening is enough to tell: notices say what they are at once. Every block of a
    // page passes here, and most hold none of the notices' words there.
    let opening = &line[..line.char_indices().nth(300).map_or(line.len(), |(i, _)| i)];
    if !NOTICE_WORDS.is_match(opening) {
        return false;
    }
    let head: String = opening.chars().flat_map(char::to_lowercase).collect();
    if head.contains("cookie") {
        return COOKIE_NOTICE.is_match(&head);
    }
    (line.len() <= 400 && BROWSER_NOTICE.is_match(&head))
        || (line.len() <= 800 && is_affiliate_notice(&head))
        || (line.len() <= 600 && APPEAL.is_match(&head))
}

/// Words one of which every site notice holds, looked for before anything else (an
/// automaton folding ASCII case only).
static NOTICE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "cookie",
            "javascript",
            "browser",
            "notification",
            "benachrichtig",
            "blocker",
            "affiliate",
            "provision",
            "commission",
            "compensation",
            "vergütung",
            "werb",
            "anzeige",
            "advertis",
            "sponsor",
            "partner",
            "zusammenarbeit",
            // The appeals' words, as they stand in the appeals (common words alone, such as
            // "support" or "YouTube", would send most article lines on to the patterns).
            "support us",
            "support our",
            "supporting us",
            "supporting our",
            "support independent",
            "unterstütze u",
            "unterstützen sie",
            "wesprzyj",
            "apoya",
            "apóyanos",
            "soutenez",
            "kleine spende",
            "jetzt spenden",
            "bitte spenden",
            "donate now",
            "donate today",
            "channel",
            "canal",
            "kanal",
            "letter to the editor",
            "to share with",
            "tip to share",
            "tips to share",
            "info to share",
            "information to share",
            "for us?",
            "tips for us",
            "tip for us",
            "story for us",
            "donating to",
            "subscribing to",
            "pin this",
            "pin it",
            "pin the following",
            "password",
            "dark mode",
            "light mode",
            "nichteinwilligung",
            "melden sie sich an",
            "sign in to",
            "log in to",
            "netiquette",
        ])
        .expect("notice words compile")
});

/// A site declaring that it earns from its links or carries advertising ("This post may
/// contain affiliate links", "Für Links auf dieser Seite erhält X eine Provision vom
/// Händler", "Dieser Beitrag enthält Werbung"): said of itself or to its reader, where an
/// article on such links speaks of others.
fn is_affiliate_notice(head: &str) -> bool {
    (AFFILIATE_LINKS.is_match(head) && SITE_VOICE.is_match(head)) || AFFILIATE_NOTICE.is_match(head)
}

static AFFILIATE_LINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(affiliate|partner|werbe)[-\s]?links?\b")
        .expect("affiliate link pattern compiles")
});

/// The site speaking of itself or to its reader.
static SITE_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(we|wir|uns|our|unser\w*|ich|mir|you|du|this\s+(post|article|page|site)|dieser\s+(beitrag|artikel)|diese\s+seite)\b")
        .expect("site voice pattern compiles")
});

/// Earning from the links, an article that declares its advertising, a line marked as one.
static AFFILIATE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(earn|earns|receive|receives|erhält|erhalten|bekommen|bekommt)\b(?:[^.!?]|\b(?:ggf|evtl|bzw|ca)\.){0,50}\b(commissions?|provisions?|vergütung|compensation)\b[^.!?]{0,80}\b(link|links|händler|retailer|purchase|kauf|buy)\w*
      | \bwe\s+(may\s+|might\s+|can\s+)?(receive|earn|get)\s+(compensation|a\s+commission|commissions?)\s+(if|when|from)\b
      | \b(dieser\s+(beitrag|artikel|post)|this\s+(post|article))\s+(enthält|contains|may\s+contain|ist\s+in\s+zusammenarbeit)\b[^.!?]{0,30}\b(werbung|advertising|sponsored|affiliate|mit)
      | ^\W*(\*\s*)?(werbung|anzeige|advertisement|sponsored)\s*[.:|]\s*\w",
    )
    .expect("affiliate notice pattern compiles")
});

/// The site asking its reader for money or attention: to support its work, to donate,
/// to join its channel on a messaging or video platform, to write a letter to the
/// editor, to send a tip, to pin a picture. Said to the reader ("support us",
/// "unterstützen Sie unsere Arbeit") or of the site's own channel ("our YouTube
/// channel"); an article reports such appeals in the third person ("the party asked
/// voters to support its candidate").
static APPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(support|unterstütze|unterstützen\s+sie|wesprzyj|apoya|apóyanos|soutenez)\s+
          (us|uns|nas|nous|our\s+(work|journalism|reporting|newsroom|site|magazine)|unsere\s+(arbeit|redaktion)
          |unser\s+(magazin|projekt)|independent\s+journalism|(diese[ns]?\s+(form\s+des\s+)?)?journalismus)\b
      | \bconsider\s+(supporting|donating\s+to|subscribing\s+to)\s+(us|our)\b
      | \bjede\s+(noch\s+so\s+)?kleine\s+spende\b | \b(jetzt|bitte)\s+spenden\b | \bdonate\s+(now|today)\b
      | \b(our|unser\w*|nuestro|notre|nasz\w*)\s+(canal|channel|kanal)\s+(de|on|auf|na|sur)\s+(telegram|youtube|whatsapp|instagram|tiktok)\b
      | \b(our|unser\w*|nuestro|notre|nasz\w*)\s+(telegram|youtube|whatsapp|instagram|tiktok)[-\s]?(kanal|channel|canal)\b
      | \b(canal|channel|kanal)\s+(de|on|auf)\s+(telegram|whatsapp)\b[^.!]{0,10}[?!.]\s*(únete|join|tritt|abonniere)
      | \bsubmit\s+(a|your)\s+letter\s+to\s+the\s+editor\b
      | \b(have|got)\s+(a\s+)?(news\s+)?(tips?|info|information|a\s+story)\s+(to\s+share|for\s+us)\b
      | \b(feel\s+free\s+to\s+)?pin\s+(this|it|the\s+following)\b[^.!?]{0,30}\b(photo|image|picture|pin|recipe|post)\b",
    )
    .expect("appeal pattern compiles")
});

/// A site speaking of its own cookies, or of the settings and consent around them.
static COOKIE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(we|wir|our|unser\w*|uns|nous|notre|nos|utilizamos|usamos|nuestro|nuestra|utilizziamo|il\s+nostro|używamy|korzystamy|nasz\w*
           |(this|our)\s+(web)?site|(diese|die|unsere)\s+(web|internet)?(seite|site|website)|ce\s+site|este\s+sitio|questo\s+sito)\b
        [^.!?]{0,60}\b(use|uses|using|store|stores|verwende\w*|nutz\w*|setz\w*|speicher\w*|einsetz\w*|utilis\w*|utiliz\w*|usa\w*|używa\w*|korzysta\w*)\b
        [^.!?]{0,60}\bcookie
      | \b(verwenden|nutzen|setzen|speichern|utilizamos|usamos|utilisons|utilizziamo|używamy|korzystamy)\s+(wir\s+)?[^.!?]{0,60}\bcookie
      | cookie\w*[^.!?]{0,60}\b(we|wir|our|unser\w*|uns|nous|notre|nos|nuestro|nuestra|il\s+nostro|nasz\w*|this\s+(web)?site)\b
      | cookie[-\s]?(einstellungen|settings|policy|richtlinie|preferences|präferenzen|hinweis|banner|abfrage|consent|zustimmung)
      | \b(accept|akzeptier\w*|allow|zulassen|enable|disable|aktivier\w*|deaktivier\w*)\b[^.!?]{0,40}\bcookie
      | cookie\w*[^.!?]{0,40}\b(accept|akzeptieren|zulassen|enable|disable|aktivieren|deaktivieren)\b",
    )
    .expect("cookie notice pattern compiles")
});

/// A site asking for JavaScript, a newer browser, or leave to send notifications; the
/// controls of its interface (a forgotten password, a dark mode); what its consent dialog
/// says of a refusal; a prompt to log in before reading; its comment section's netiquette.
static BROWSER_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        javascript[^.!?]{0,60}\b(enable\w*|activ\w*|aktivier\w*|need\w*|requires?|benötig\w*|włącz\w*|obsług\w*|habilit\w*|disabled|deaktiviert)\b
      | \b(enable|activate|aktivieren\s+sie|turn\s+on|needs?|requires?|benötigt|włącz)\b[^.!?]{0,40}javascript
      | \b(veraltete\w*|outdated|unsupported|älter\w*)\s+(\w+\s+)?browser
      | browser[^.!?]{0,40}\b(is|are|wird|werden)\s+(not|nicht|no\s+longer|nicht\s+mehr)\s+(supported|unterstützt)
      | \b(is|are|wird|werden)\s+(not|nicht|no\s+longer|nicht\s+mehr)\s+(supported|unterstützt)[^.!?]{0,20}[.!]\s[^.!?]{0,60}\bbrowser
      | \b(turn\s+on|enable|allow|activate|aktivieren|erlauben|zulassen)\b[^.!?]{0,40}\b(push[-\s])?(notifications|benachrichtigungen)\b
      | \b(push[-\s])?(notifications|benachrichtigung(en)?)\b[^.!?]{0,20}\b(aktivieren|erlauben|zulassen|turn\s+on)\b
      | \bpush[-\s]?(meldung|nachricht|benachrichtigung)\w*[^.!?]{0,60}\bbrowser
      | \b(your|ihren?|deinen?)\s+ad[-\s]?blockers?\b[^.!?]{0,80}\b(disable|turn\w*\s+off|pause|whitelist|deaktivier\w*|ausschalten)
      | \b(disable|turn\w*\s+off|pause|whitelist|deaktivier\w*|ausschalten)\b[^.!?]{0,30}\b(your|ihren?|deinen?)\s+ad[-\s]?blockers?\b
      | \bforgot\s+(your\s+)?password\b | \bswitch\s+to\s+(the\s+)?(dark|light)\s+mode\b
      | ^folgen\s+der\s+nichteinwilligung\s*:
      | ^(bitte\s+)?melden\s+sie\s+sich\s+an,?\s+um\b[^.!?]{0,60}\b(zu\s+lesen|weiterzulesen|zu\s+kommentieren)
      | ^(please\s+)?(sign|log)\s+in\s+to\s+(read|continue\s+reading|comment)\b
      | \b(halten\s+sie\s+sich\s+an|beachten\s+sie)\s+unsere\s+netiquette\b | \bfollow\s+our\s+netiquette\b",
    )
    .expect("browser notice pattern compiles")
});

/// Sentences of page furniture, matched from the start of a paragraph.
static FURNITURE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    // Word boundaries in ASCII: a Unicode one stops the fast engine at the first curly
    // quote or accented letter of a line and leaves it to the slow one.
    let pattern = r"(?ix)^[\s\p{P}\p{S}]*(
            (follow|like)\s+.{0,60}\bon\s+(twitter|facebook|instagram|linkedin|x)\b
          | for\s+the\s+latest\s+(news|stories|updates)\b | download\s+(the|our)\s+.{0,40}\bapps?\b
          | (this|the)\s+(article|story|content|material)\s+(is|was|may)\b.{0,80}\b(copyright|permission|reproduced|republished|redistributed)
          | copyright\s+(©|\(c\)|\d{4}).*
          | (.{0,150}[.!?©]\s*)?(all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos\s+reservados|tutti\s+i\s+diritti\s+riservati)\b.{0,150}$
          | .{0,120}\b(our|unser\w*|sign\s+up|subscribe|abonn\w*|anmelden|melde|mit)\b.{0,60}\bnewsletters?\b.{0,120}$
          | .{0,120}\bnewsletters?\b.{0,60}\b(abonnieren|anmelden|bestellen|sign\s+up|subscribe)\b.{0,80}$
          | .{0,80}\b(sent|delivered)\s+(straight\s+|directly\s+)?to\s+your\s+inbox\b.{0,80}$ | .{0,200}\bunsubscribe\s+at\s+any\s+time\b.{0,40}$
          | .{0,40}\b(get|download)\s+(the\s+latest|our)\b.{0,80}\bapps?\b.{0,40}$
          | laden\s+sie\s+(sich\s+)?(jetzt\s+)?(unsere|die)\s+.{0,60}\bapps?\b.{0,80}\bherunter\b
          | (klicken\s+sie\s+auf\s+(den|diesen)\s+.{0,20}button,?\s+um\s+den\s+inhalt\s+von|click\s+(on\s+)?the\s+.{0,20}button\s+(below\s+)?to\s+load\s+the\s+content\s+from)\b.{1,80}$
          | (mit\s+diesem\s+button\s+(kannst\s+du|können\s+sie)|with\s+this\s+button,?\s+you\s+can)\b.{1,200}$
          | .{0,80}\bwritten\s+permission\b | .{0,80}\bnot\s+responsible\s+for\s+the\s+(opinions|content)
          | (to\s+(view|read|continue)|already\s+a\s+subscriber|if\s+you('re|\s+are)\s+(seeing|already)).{0,120}\bsubscri
          | (trotz\s+sorgfältiger\s+inhaltlicher\s+kontrolle|haftungs(ausschluss|beschränkung|hinweis)).*
          | (warning|notice|deprecated|strict\s+standards|fatal\s+error|parse\s+error)\s*:.{0,200}\bon\s+line\s+\d+
          | (suggested\s+citation|cite\s+(this|as)|how\s+to\s+cite|zitiervorschlag|zitierweise)\b.*
          | .{0,60}\b(síguenos|seguir\s+a\s+.{1,40}\s+en|folgen\s+sie\s+uns|folge\s+uns|suivez(-|\s+)nous)\b.{0,60}\b(twitter|facebook|instagram|linkedin|x)\b.*
        )";
    regex::RegexBuilder::new(&pattern.replace(r"\b", r"(?-u:\b)"))
        .dfa_size_limit(16 << 20)
        .build()
        .expect("furniture sentence pattern compiles")
});

/// Whether the first line of a text is its title rather than its first paragraph: a
/// headline is short and is not several sentences ("In object-oriented programming,
/// inheritance is a way ... . The concept was invented in 1967 for Simula."). A text of
/// one line is all body.
fn looks_like_title(line: &str) -> bool {
    static SENTENCES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"[.!?]["”’)]?\s+["“‘(]?\p{Lu}.*[.!?]["”’)]?$"#)
            .expect("sentence pattern compiles")
    });
    line.trim().chars().count() <= 250 && !SENTENCES.is_match(line.trim())
}

/// Splits a plain-text article into metadata (title, byline) and body text.
///
/// The body keeps its paragraphs, separated by one blank line, with surrounding
/// whitespace trimmed from each line.
pub(crate) fn split(input: &str) -> (Meta, String) {
    // Soft hyphens and zero-width spaces go, as they do from pages (a byte-order mark too).
    let input = crate::html::without_invisible(input);
    let input = input.as_ref();
    let mut meta = Meta::default();
    let all: Vec<&str> = input.lines().map(|l| l.trim_end()).collect();
    let first = all.iter().position(|l| !l.trim().is_empty());
    let mut lines = all.iter().copied();
    if let Some(i) = first {
        let more = all[i + 1..].iter().any(|l| !l.trim().is_empty());
        if more && looks_like_title(all[i]) {
            meta.offer_title(all[i], "first line");
            lines.nth(i);
        }
    }

    // Paragraphs are runs of non-blank lines.
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    // A byline right under the title is metadata, not body.
    if let Some(first) = paragraphs.first() {
        if first.len() == 1 && first[0].chars().count() <= 80 && BYLINE.is_match(first[0]) {
            meta.offer_byline(first[0][2..].trim(), "\"By\" line under the title");
            paragraphs.remove(0);
        }
    }

    // Trailing furniture, line by line from the end.
    while let Some(last) = paragraphs.last_mut() {
        while last.last().is_some_and(|l| is_furniture(l)) {
            last.pop();
        }
        if last.is_empty() {
            paragraphs.pop();
        } else {
            break;
        }
    }

    let body = paragraphs
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    (meta, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_datelines_are_found_and_sentences_are_not() {
        let dl = |s: &str| dateline(s).map(|(d, i)| (d.to_string(), s[i..].to_string()));
        assert_eq!(
            dl("SOCHI, Russia (Reuters) - Russian President Vladimir Putin met"),
            Some((
                "SOCHI, Russia (Reuters)".into(),
                "Russian President Vladimir Putin met".into()
            ))
        );
        assert_eq!(
            dl("WASHINGTON (AP) — The Senate voted"),
            Some(("WASHINGTON (AP)".into(), "The Senate voted".into()))
        );
        assert_eq!(
            dl("LONDON, Nov 21 (Reuters) - Sterling rose"),
            Some(("LONDON, Nov 21 (Reuters)".into(), "Sterling rose".into()))
        );
        assert_eq!(
            dl("NEW DELHI: India said on Monday"),
            Some(("NEW DELHI".into(), "India said on Monday".into()))
        );
        assert_eq!(
            dl("TROMSØ, Norway (Northern Wire) - The European Union"),
            Some((
                "TROMSØ, Norway (Northern Wire)".into(),
                "The European Union".into()
            ))
        );
        assert_eq!(
            dl("Russian state-owned TV reports that the president"),
            None
        );
        assert_eq!(dl("U.S. - China talks resumed"), None);
        assert_eq!(dl("IT - the sector grew"), None);
        assert_eq!(
            dl("Assad's opponents - and Western governments - said"),
            None
        );
    }

    #[test]
    fn hyphenation_hints_are_no_text() {
        let (meta, body) = split(
            "\u{feff}Pu\u{ad}tin meets Assad\n\nVladi\u{ad}mir Putin met him in So\u{200b}chi.",
        );
        assert_eq!(meta.title.as_deref(), Some("Putin meets Assad"));
        assert_eq!(body, "Vladimir Putin met him in Sochi.");
    }

    #[test]
    fn a_first_line_is_the_title_only_if_it_reads_as_one() {
        // A text of one paragraph, or of one line, has no title: it is all body.
        let paragraph = "Inheritance is a way to form new classes from classes that have \
                         already been defined. The concept was invented in 1967 for Simula.";
        for input in [
            format!("{paragraph}\nIt is meant to help reuse code.\n"),
            format!("{paragraph}\n\nIt is meant to help reuse code."),
        ] {
            let (meta, body) = split(&input);
            assert_eq!(meta.title, None, "{input}");
            assert!(body.starts_with("Inheritance is a way"), "{body}");
        }
        let (meta, body) = split("Putin met Assad in Sochi yesterday.\n");
        assert_eq!(meta.title, None);
        assert_eq!(body, "Putin met Assad in Sochi yesterday.");
        // A long first line is a paragraph even when it is one sentence.
        let long = format!("{} it rained.\n\nThe end.", "On the day ".repeat(30));
        assert_eq!(split(&long).0.title, None);
        // Headlines, with their own punctuation, stay titles.
        for headline in [
            "Putin says he will talk to Trump following Assad meeting",
            "U.S. Senate passes the bill. Trump to sign",
            "Mr. Smith goes to Washington",
            "Is this Obama’s last one?",
        ] {
            let (meta, body) = split(&format!("{headline}\n\nThe leaders met."));
            assert_eq!(meta.title.as_deref(), Some(headline));
            assert_eq!(body, "The leaders met.");
        }
    }

    #[test]
    fn title_byline_body_and_trailing_furniture() {
        let input = "\n\nPutin meets Assad\n\nBy Jane Roe and John Doe\n\nThe leaders met.  \nThey talked.\n\nAssad left.\n\nShare this article\nRelated articles\n\n\nOther news";
        let (meta, body) = split(input);
        assert_eq!(meta.title.as_deref(), Some("Putin meets Assad"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Roe and John Doe"));
        assert_eq!(body, "The leaders met.\nThey talked.\n\nAssad left.");
    }

    #[test]
    fn furniture_only_at_the_end_and_only_when_short() {
        let (_, body) = split(
            "T\n\nRead more about it.\n\nThe story goes on to say that readers should read more news every day.\n",
        );
        // A sentence that merely mentions news is text; "Read more ..." in the middle stays too.
        assert!(body.starts_with("Read more about it."));
        assert!(body.ends_with("every day."));
        assert!(is_furniture("Other news"));
        assert!(is_furniture("— Related Stories —"));
        assert!(is_furniture("Subscribe to our newsletter"));
        assert!(!is_furniture(
            "Other news outlets reported the summit on Wednesday."
        ));
        // Credits, follow-us lines and German, French and Spanish furniture.
        for line in [
            "Photo: Agency",
            "Putin and Assad in Sochi. Mikhail Klimentyev/AFP",
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner",
            "This article is the copyrighted property of Breaking Belize News.",
            "5 min read",
            "Mehr zum Thema",
            "Bild anzeigen",
            "Schon gelesen?",
            "Lire aussi : le sommet de Sotchi",
            "Lee también: la cumbre",
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook @GleanerJamaica, and send us your stories.",
            "This article is the copyrighted property of Breaking Belize News. Written permission must be obtained before reprint in online or print media.",
            "To view the full story, please subscribe to The Haitian Times.",
            "Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für die Inhalte externer Links.",
            "Never miss a story from the valley: sign up for our free morning newsletter today!",
            "Jeden Freitag die wichtigsten Nachrichten: Jetzt unseren Newsletter abonnieren.",
            "Get the latest headlines on your phone with the Valley Courier app for iOS and Android.",
            "The mayor cuts the ribbon on the rebuilt bridge on Tuesday morning. (Photo: City Hall)",
            "Crowds line the river bank to watch the first trams cross. | © Valley Courier/Jane Roe",
            "Beitragsbild: Die Brücke im Winter, Archiv.",
            "Image credit: www.example.org",
            "Crédits photos : Agence",
            "Bildnachweis:",
            "Permalink: https://example.org/news/2021/bridge.php",
            "Permalien https://example.org/p/RPYx",
            "Explore further",
            "Dieses Skript als PDF herunterladen",
            "Download this article as PDF",
            "Der Artikel wurde erfolgreich hinzugefügt.",
            "The item was successfully added to your cart.",
            "Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt!",
            "Showing 1–12 of 48 results",
            "Seite 2 von 5",
            "Seite ٢ von ٥",
            "Jetzt für unsere Top-News anmelden",
            "Noch mehr Infos für dich",
            "Customer Care",
            "Warning: Cannot modify header information in /var/www/site/wp-includes/pluggable.php on line 1210",
            "Suggested citation: Roe, Jane: The Bridge Affair, Valley Courier, 2020/4/09, https://example.org/bridge/.",
            "Puede escribirnos a la redacción o seguir a Valle Noticias en Facebook, Twitter e Instagram.",
            "Folgen Sie uns auf Twitter und Facebook, um keine Neuigkeit zu verpassen.",
            "© 2022 Valley Courier. This article is the property of the Valley Courier and may not be copied, reprinted or redistributed in any form without the prior written consent of the publisher; every photograph and graphic on this page is protected, and republication of any part requires a licence from our syndication desk, which can be reached through the contact page.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Follow-up talks are planned for Thursday.",
            "Quellen im Kreml bestätigten das Treffen.",
            "Teilen sich die Parteien die Macht, wird es schwierig.",
            "Followers of the party on Twitter said the vote was rigged, but the commission rejected the claim on Monday after a recount.",
            "The paper's newsletter reached two million readers last year, its editor said.",
            "Users could download the new app from Monday, the company said in a statement.",
            "The photographer's agency (Getty) declined to comment on the picture.",
            "Warning: the river will rise again on Tuesday, the agency said.",
            "Scholars cite this letter as the first account of the flood.",
            "Sie folgen uns nicht mehr, sagte der Bürgermeister.",
            "Image credits were disputed by the agency, the paper said.",
            "Explore further afield and the valley opens up.",
            "The ministry will publish the report as a PDF on Monday.",
            "Der Artikel wurde am Montag veröffentlicht.",
            "Jetzt will sich der Verein neu anmelden, sagte der Vorsitzende am Montag.",
            "Customer service complaints rose by a third last year.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_site_speaking_of_its_cookies_or_the_browser_is_furniture_an_article_on_them_is_not() {
        for line in [
            "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.",
            "Um Ihnen ein besseres Nutzererlebnis zu bieten, verwenden wir Cookies. Durch Nutzung unserer Dienste stimmen Sie unserer Verwendung von Cookies zu.",
            "Diese Website verwendet Cookies.",
            "Utilizamos cookies para mejorar su experiencia en nuestro sitio.",
            "This feature is not available with your current cookie settings.",
            "Please enable JavaScript to read the Valley Courier.",
            "Aktivieren Sie JavaScript um das Video zu sehen.",
            "Du verwendest einen veralteten Browser. Es ist möglich, dass diese Website nicht korrekt angezeigt wird.",
            "IE 11 is not supported. For an optimal experience visit our site on another browser.",
            "Turn on notifications to receive alerts as stories develop.",
            "Please help us keep our journalism free by turning off your ad blocker on our site.",
            "We may earn a commission when you buy through links on our site.",
            "Our editors choose products independently. We may earn affiliate commissions from buying links.",
            "Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler.",
            "We recommend products independently, and advertisers do not influence our picks. We may receive compensation if you visit partners we recommend.",
            "*Werbung. Dieser Beitrag enthält Werbung für eine Modemarke.",
            "Regulated by the press standards body. Copyright 2023 Valley Courier Ltd. All rights reserved.",
            "Benachrichtigungen aktivieren",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "The regulator said websites must ask before they store cookies, and fined three publishers on Monday.",
            "We debuted a browser extension that blocks trackers, the group said in its annual report.",
            "The bakery's cookies sold out within an hour, its owner said.",
            "Older browsers will no longer receive security updates from March, the company said.",
            "Ad blockers cost publishers millions, and some ask readers to disable them, the study found.",
            "The band said all rights reserved by the label would pass to the estate.",
            "Influencers must mark affiliate links, the court ruled on Tuesday.",
            "The agents earn a commission of five percent on each sale, the report found.",
            "The firm will receive compensation from its partners, the court ruled.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
        // The notice is found by its opening even when a long consent text follows.
        let long = format!(
            "Wir verwenden Cookies, um Inhalte zu personalisieren. {}",
            "Weitere Angaben zu Zwecken und Anbietern finden Sie in den Einstellungen. ".repeat(8)
        );
        assert!(long.chars().count() > 250);
        assert!(is_furniture(&long));
    }

    #[test]
    fn a_sites_appeals_and_interface_lines_are_furniture_reported_appeals_are_not() {
        for line in [
            "If you enjoyed reading this post, would you consider supporting our work? Just click here.",
            "Please support us so that the Courier can keep reporting from the valley.",
            "Die Zeitung ist unabhängig. Unterstützen Sie unsere Arbeit mit einem Abo!",
            "Wenn Ihnen der Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
            "Jede kleine Spende hilft!",
            "¡Mira lo que tiene nuestro canal de YouTube!",
            "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
            "We want to hear what you think. Submit a letter to the editor.",
            "Do you have info to share with our reporters? Here's how.",
            "If you are using Pinterest, feel free to pin the following photo:",
            "Never miss the latest news from the Courier. Sign up for our newsletters to get today's top stories.",
            "Get local news delivered to your inbox!",
            "We'll email you a link to the story. You may edit your settings or unsubscribe at any time.",
            "Forgot your password?",
            "Switch to the dark mode that's kinder on your eyes at night time.",
            "Laden Sie unsere App für iOS und Android auf Ihr Handy herunter.",
            "Folgen der Nichteinwilligung: Der Dienst Youtube wird Ihnen nicht zur Verfügung gestellt",
            "Melden Sie sich an um unbegrenzt Artikel zu lesen",
            "Sign in to continue reading.",
            "Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.",
            "Klicken Sie auf den unteren Button, um den Inhalt von www.example.de zu laden.",
            "Click the button below to load the content from maps.example.com.",
            "Mit diesem Button kannst Du diese Episode zu einer Liste hinzufügen. Dazu musst Du Dich einloggen:",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "The charity asked donors to support its appeal for flood victims, its director said.",
            "\"We offer support for our customers,\" the company's spokesman said on Monday.",
            "The minister said the government would support our farmers through the winter.",
            "The influencer runs a YouTube channel with two million subscribers, the report said.",
            "Police asked anyone with information to call the hotline.",
            "The hackers reset the minister's password, the report said.",
            "The paper's newsletters reached two million readers last year.",
            "Nutzer laden die App seit Montag seltener herunter, sagte der Sprecher.",
            "Click the button and the door opens, the engineer explained to the visitors.",
            "Die Folgen der Nichteinwilligung seien für Patienten erheblich, sagte die Ärztin.",
            "Users must sign in to read their messages, the company said in a statement.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_name_from_the_pages_code_is_furniture_a_hyphenated_word_is_not() {
        for line in [
            "medium-browser-and-portrait-tablet",
            "landscape-tablet-and-above",
            "images/stories/kolumne/NAC_Kolumne_Wolf.png",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in ["Well-being", "Mother-in-law", "well-being", "2020-2021"] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_line_holding_only_a_date_is_furniture_a_date_in_a_sentence_is_not() {
        for line in [
            "12. September 2019",
            "14. 01. 2020, 21:56",
            "Updated Sep 27, 2020",
            "Aktualisiert am 28.01.2020 - 15:49",
            "Montag, 3. Februar 2020, 10:15 Uhr",
            "January 10, 2020 9:00AM",
            "2020-04-09",
            "Date 23.05.2011",
            "19 sierpnia 2020, 5:16",
            "April 24, 2020 at 9:11 a.m. | UPDATED: April 24, 2020 at 9:26 a.m.",
            "Nov. 9, 2023, 4:59 AM UTC",
            "Updated: 8:24, 2 Nov 2023",
            "Updated 15 hrs ago",
            "Energie 12.12.2022, 08:30 Uhr",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "3. Klasse",
            "Mai 1968",
            "Am 12. September 2019 begann der Prozess.",
            "On January 10, 2020, the bridge reopened.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_by_sentence_is_not_a_byline() {
        let (meta, body) = split("Title\n\nBy the end of the day, Assad had left Sochi.\n");
        assert_eq!(meta.byline, None);
        assert_eq!(body, "By the end of the day, Assad had left Sochi.");
    }
}
