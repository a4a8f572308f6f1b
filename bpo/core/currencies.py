"""The currencies programs and contracts may be kept in: the active ISO 4217 codes of circulating
currencies (ISO 4217 List One as amended up to 2025: ZWG since 2024, XCG since 2025; withdrawn
codes such as HRK, SLL, ZWL, MRO, STD and VEF are not offered).

Committed as a list because no maintained code list (babel, pycountry) is a dependency of the
product; the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals (XAU, XAG,
XPD, XPT), special drawing rights and test codes are left out: nobody budgets a program in them.
There are no exchange rates: amounts in different currencies are shown per currency, never added."""

ISO_4217 = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
    "GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW "
    "KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR "
    "MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR "
    "SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX "
    "USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG"
).split()

# The field's choices: the code is its own label (read the same in English and Chinese).
CURRENCY_CHOICES = [(code, code) for code in ISO_4217]
