"""The currency vocabulary: Japanese currency words and symbols -> ISO 4217 codes."""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "ALL_WORDS",
    "ASSUMED",
    "BY_COUNTRY",
    "OTHER_DOLLARS",
    "PREFIX_SYMBOLS",
    "SUBUNITS",
    "US_DOLLAR_NAMES",
    "WORDS",
    "WORD_FOR",
    "YEN",
    "alternation",
    "code_for",
    "is_code",
    "word_for",
]

YEN = "JPY"

#: Words written after an amount ("5500億ドル"). Longest match wins, so 豪ドル beats ドル.
WORDS: dict[str, str] = {
    "円": YEN,
    "日本円": YEN,
    "ドル": "USD",
    "米ドル": "USD",
    "USドル": "USD",
    "アメリカドル": "USD",
    "豪ドル": "AUD",
    "オーストラリアドル": "AUD",
    "カナダドル": "CAD",
    "加ドル": "CAD",
    "香港ドル": "HKD",
    "台湾ドル": "TWD",
    "ニュー台湾ドル": "TWD",
    "新台湾ドル": "TWD",
    "シンガポールドル": "SGD",
    "NZドル": "NZD",
    "ＮＺドル": "NZD",
    "ニュージーランドドル": "NZD",
    "ユーロ": "EUR",
    "人民元": "CNY",
    "中国元": "CNY",
    "元": "CNY",
    "ウォン": "KRW",
    "韓国ウォン": "KRW",
    "ポンド": "GBP",
    "英ポンド": "GBP",
    "英国ポンド": "GBP",
    "スイスフラン": "CHF",
    "スイス・フラン": "CHF",
    "ルピー": "INR",
    "インドルピー": "INR",
    "インド・ルピー": "INR",
    "バーツ": "THB",
    "タイバーツ": "THB",
    "ルーブル": "RUB",
    "ロシアルーブル": "RUB",
    "レアル": "BRL",
    "ブラジルレアル": "BRL",
    "メキシコペソ": "MXN",
    "フィリピンペソ": "PHP",
    "リンギ": "MYR",
    "リンギット": "MYR",
    "ルピア": "IDR",
    "トルコリラ": "TRY",
    "リラ": "TRY",
    "南アフリカランド": "ZAR",
    "ランド": "ZAR",
    "スウェーデンクローナ": "SEK",
    "ノルウェークローネ": "NOK",
    "デンマーククローネ": "DKK",
    "ズロチ": "PLN",
    "フォリント": "HUF",
    "チェココルナ": "CZK",
    "コルナ": "CZK",
    "シェケル": "ILS",
    "新シェケル": "ILS",
    "ナイラ": "NGN",
    "バルボア": "PAB",
    "パナマ・バルボア": "PAB",
    "ドン": "VND",
    "ベトナムドン": "VND",
    # Other spellings of real copy: 豪州ドル, 米国ドル, 台湾元, 韓国ウォン, and country and currency
    # with a nakaguro (オーストラリア・ドル, ロシア・ルーブル; added below from the words above).
    "豪州ドル": "AUD",
    "米国ドル": "USD",
    "台湾元": "TWD",
    "ニュー台湾元": "TWD",
    "人民幣": "CNY",
    "ユーロ建て": "EUR",
    "フラン": "CHF",  # bare: in today's news the Swiss franc, so an assumption (ASSUMED)
    "どる": "USD",  # hiragana: not the newspaper's word, so an assumption (ASSUMED)
    # Forms from wire feeds and older systems: the square ㌦ and half-width katakana.
    "㌦": "USD",
    "ﾄﾞﾙ": "USD",
    "米ﾄﾞﾙ": "USD",
    "豪ﾄﾞﾙ": "AUD",
    "香港ﾄﾞﾙ": "HKD",
    "ﾕｰﾛ": "EUR",
    "ﾎﾟﾝﾄﾞ": "GBP",
    "ｳｫﾝ": "KRW",
}

# 「ロシア・ルーブル」, 「オーストラリア・ドル」: a country and its currency, with a nakaguro or without.
_COUNTRY_CURRENCY = {
    ("アメリカ", "ドル"): "USD",
    ("オーストラリア", "ドル"): "AUD",
    ("カナダ", "ドル"): "CAD",
    ("香港", "ドル"): "HKD",
    ("シンガポール", "ドル"): "SGD",
    ("ニュージーランド", "ドル"): "NZD",
    ("スイス", "フラン"): "CHF",
    ("インド", "ルピー"): "INR",
    ("タイ", "バーツ"): "THB",
    ("ロシア", "ルーブル"): "RUB",
    ("ブラジル", "レアル"): "BRL",
    ("メキシコ", "ペソ"): "MXN",
    ("フィリピン", "ペソ"): "PHP",
    ("マレーシア", "リンギ"): "MYR",
    ("マレーシア", "リンギット"): "MYR",
    ("インドネシア", "ルピア"): "IDR",
    ("トルコ", "リラ"): "TRY",
    ("南アフリカ", "ランド"): "ZAR",
    ("南ア", "ランド"): "ZAR",
    ("スウェーデン", "クローナ"): "SEK",
    ("ノルウェー", "クローネ"): "NOK",
    ("デンマーク", "クローネ"): "DKK",
    ("ポーランド", "ズロチ"): "PLN",
    ("ハンガリー", "フォリント"): "HUF",
    ("チェコ", "コルナ"): "CZK",
    ("イスラエル", "シェケル"): "ILS",
    ("ベトナム", "ドン"): "VND",
}
for (_country, _unit), _code in _COUNTRY_CURRENCY.items():
    WORDS.setdefault(_country + _unit, _code)
    WORDS.setdefault(f"{_country}・{_unit}", _code)

#: Words that the currencies of several countries share, with the countries that decide which:
#: 「パキスタン政府は1000億ルピー」 is the Pakistani rupee, not the Indian (``scan.countries`` reads the
#: country). A word in ``WORDS`` has a usual currency there (ルピー, ポンド, クローナ), taken where no
#: country is named; the others (ペソ, クローネ …) name no currency by themselves.
BY_COUNTRY: dict[str, dict[str, str]] = {
    "ルピー": {"インド": "INR", "パキスタン": "PKR", "スリランカ": "LKR", "ネパール": "NPR", "モーリシャス": "MUR"},
    "ポンド": {
        **dict.fromkeys(["英国", "イギリス", "英政府", "英首相", "英財務省", "英中銀", "英中央銀行"], "GBP"),
        "エジプト": "EGP",
        "レバノン": "LBP",
        "シリア": "SYP",
        "スーダン": "SDG",
        "南スーダン": "SSP",
    },
    "ペソ": {
        "メキシコ": "MXN",
        "フィリピン": "PHP",
        "アルゼンチン": "ARS",
        "チリ": "CLP",
        "コロンビア": "COP",
        "ウルグアイ": "UYU",
        "キューバ": "CUP",
        "ドミニカ": "DOP",
    },
    "クローネ": {"ノルウェー": "NOK", "デンマーク": "DKK"},
    "クローナ": {"スウェーデン": "SEK", "アイスランド": "ISK"},
    "ディナール": {
        "クウェート": "KWD",
        "ヨルダン": "JOD",
        "バーレーン": "BHD",
        "イラク": "IQD",
        "セルビア": "RSD",
        "チュニジア": "TND",
        "アルジェリア": "DZD",
        "リビア": "LYD",
    },
    "リヤル": {"サウジ": "SAR", "サウジアラビア": "SAR", "カタール": "QAR", "オマーン": "OMR", "イエメン": "YER"},
    "シリング": {"ケニア": "KES", "タンザニア": "TZS", "ウガンダ": "UGX", "ソマリア": "SOS"},
}
WORDS["クローナ"] = "SEK"  # Sweden's: the usual one
# No compounds of every country and word (パキスタンルピー): each word is an alternative in the money
# pattern and its windows' trigger, and sixty of them made the scan 10-18% slower, to read figures
# in currencies the table does not have.
#: Every word a currency is written with: ``WORDS`` and the words only a country makes a currency.
ALL_WORDS: tuple[str, ...] = (*WORDS, *(w for w in BY_COUNTRY if w not in WORDS))

#: Symbols written before an amount ("$100", "€1.5"). ``\`` is the yen sign in Shift_JIS fonts.
PREFIX_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "US＄": "USD",
    "us$": "USD",
    "$": "USD",
    "＄": "USD",
    "€": "EUR",
    "£": "GBP",
    "￡": "GBP",
    "¥": YEN,
    "￥": YEN,
    "\\": YEN,
    "HK$": "HKD",
    "NT$": "TWD",
    "S$": "SGD",
    "A$": "AUD",
    "C$": "CAD",
    "R$": "BRL",
    "₩": "KRW",
    "₹": "INR",
}

#: Symbols and words that name a kind of currency but no country: "$" is also the Canadian,
#: Australian, Hong Kong … dollar, "£" also the Egyptian pound. They are read as the code above (the
#: convention of Japanese text), but a figure marks that code as assumed, and a check says so.
#: ドル and ポンド are not here: in Japanese news they are the US dollar and the pound sterling. A
#: bare フラン is: the Swiss franc today, but the French or a CFA franc in older or African news. A
#: letter E for the euro sign (「E10」) is read only in a text that names the euro (``scan.mentions``).
ASSUMED: frozenset[str] = frozenset({"$", "＄", "£", "￡", "どる", "フラン", "E", "Ｅ"})

#: The dollars that are not the US dollar (豪ドル, カナダドル, 香港ドル …): a bare ドル may be one of them
#: in an article whose money names it (``check``).
OTHER_DOLLARS: frozenset[str] = frozenset(
    code for word, code in WORDS.items() if word.endswith(("ドル", "ﾄﾞﾙ")) and code != "USD"
)
#: The US dollar by name (米ドル, USドル, US$ …): every word and symbol of USD but a bare ドル or $.
US_DOLLAR_NAMES: tuple[str, ...] = tuple(
    word
    for word, code in {**WORDS, **PREFIX_SYMBOLS}.items()
    if code == "USD" and word not in ("ドル", "㌦", "ﾄﾞﾙ", "どる", "$", "＄")
)

#: Minor units written after a main amount ("2222円13銭", "545ドルと5セント").
SUBUNITS: dict[str, dict[str, Decimal]] = {
    YEN: {"銭": Decimal("0.01")},
    "USD": {"セント": Decimal("0.01"), "㌣": Decimal("0.01")},
    "EUR": {"セント": Decimal("0.01"), "㌣": Decimal("0.01")},
    "CNY": {"角": Decimal("0.1"), "分": Decimal("0.01")},
    "GBP": {"ペンス": Decimal("0.01")},
}


#: The word a report writes for each code: the first listed in WORDS (円, ドル, 人民元 …).
WORD_FOR: dict[str, str] = {}
for _word, _code in WORDS.items():
    WORD_FOR.setdefault(_code, _word)


def word_for(code: str) -> str:
    """The Japanese word for an ISO code, or the code itself.

    >>> word_for("JPY"), word_for("GBP"), word_for("XAU")
    ('円', 'ポンド', 'XAU')
    """
    return WORD_FOR.get(code, code)


def code_for(word: str) -> str | None:
    """The ISO 4217 code of a currency word or symbol, or ``None``.

    >>> code_for("米ドル"), code_for("人民元"), code_for("€"), code_for("ペリカ")
    ('USD', 'CNY', 'EUR', None)
    """
    return WORDS.get(word) or PREFIX_SYMBOLS.get(word)


def is_code(code: str) -> bool:
    """Whether ``code`` has the shape of an ISO 4217 code: three ASCII capitals.

    >>> is_code("USD"), is_code("usd"), is_code("ドル円"), is_code("US")
    (True, False, False, False)
    """
    return len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()


def alternation(words: list[str] | dict[str, str]) -> str:
    """A regex alternation of ``words``, longest first, escaped. A word written with and without a
    nakaguro (ロシアルーブル, ロシア・ルーブル) is one alternative, ``ロシア・?ルーブル``: the
    vocabulary is in several patterns, and every alternative costs compile time.

    >>> alternation(["ドル", "米ドル", "ロシアルーブル", "ロシア・ルーブル"])
    'ロシア・?ルーブル|米ドル|ドル'
    """
    import regex

    present = set(words)
    merged: dict[str, str] = {}  # the word without its nakaguro -> its pattern
    for w in present:
        bare = w.replace("・", "", 1)
        if "・" in w and bare in present:
            a, b = w.split("・", 1)
            merged[bare] = f"{regex.escape(a)}・?{regex.escape(b)}"
        else:
            merged.setdefault(w, regex.escape(w))
    return "|".join(merged[w] for w in sorted(merged, key=lambda w: (-len(w), w)))
