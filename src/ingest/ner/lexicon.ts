// Word lists the name recogniser classifies with. Written for news-style English about
// investigations; entries are lower case, without diacritics (see `lookupKey`), separated by
// commas. Each list is a Set built once, when the worker first needs it.

function words(list: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of list.split(',')) {
    const word = entry.trim().replace(/\s+/g, ' ');
    if (word) set.add(word);
  }
  return set;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** The form every lookup uses: lower case, no diacritics, straight apostrophes, no dots. */
export function lookupKey(text: string): string {
  let key = text.toLowerCase();
  // Only strip marks when there are any: most keys are plain ASCII.
  if (!isAscii(key)) {
    key = key
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[’‘]/g, "'")
      .replace(/ł/g, 'l')
      .replace(/ø/g, 'o')
      .replace(/ß/g, 'ss');
  }
  return key.includes('.') ? key.replace(/\./g, '') : key;
}

/** Countries, their usual short forms, and regions that news treats like them. */
const COUNTRIES = `afghanistan, albania, algeria, andorra, angola, antigua, argentina, armenia, australia,
austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia, bosnia and herzegovina, botswana, brazil, brunei, bulgaria, burkina faso, burundi,
cambodia, cameroon, canada, cape verde, chad, chile, china, colombia, comoros, congo, costa rica,
croatia, cuba, cyprus, czech republic, czechia, denmark, djibouti, dominica, dominican republic,
east timor, timor-leste, ecuador, egypt, el salvador, equatorial guinea, eritrea, estonia, eswatini,
ethiopia, fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece, grenada, guatemala,
guinea, guinea-bissau, guyana, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq,
ireland, israel, italy, ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo,
kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania,
luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico,
micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia,
nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria, north korea, south korea,
korea, north macedonia, macedonia, norway, oman, pakistan, palau, palestine, panama,
papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda,
samoa, san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
slovenia, somalia, somaliland, south africa, south sudan, spain, sri lanka, sudan, suriname, sweden,
switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tonga, trinidad, tunisia, turkey,
turkiye, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, united kingdom, united states,
united states of america, america, uruguay, uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen,
zambia, zimbabwe, britain, great britain, england, scotland, wales, northern ireland, hong kong,
macau, macao, tibet, xinjiang, crimea, gaza, gaza strip, west bank, greenland, puerto rico, guam,
new caledonia, kurdistan, chechnya, transnistria, abkhazia, donbas, donetsk, luhansk, kashmir,
us, usa, uk, uae, dprk, rok, prc, ussr, soviet union, russian federation, republic of korea,
democratic people's republic of korea, people's republic of china, the hague, the gambia, the bahamas`;

/** Capitals, large and newsworthy cities, regions, states and provinces. */
const PLACES = `kabul, tirana, algiers, luanda, buenos aires, yerevan, canberra, sydney, melbourne, perth,
brisbane, vienna, baku, manama, dhaka, chittagong, minsk, brussels, antwerp, thimphu, la paz,
sarajevo, gaborone, brasilia, sao paulo, rio de janeiro, bandar seri begawan, sofia, phnom penh,
siem reap, ottawa, toronto, montreal, vancouver, santiago, beijing, shanghai, shenzhen, guangzhou,
tianjin, chongqing, wuhan, chengdu, hangzhou, nanjing, dalian, dandong, shenyang, harbin, xiamen,
fuzhou, urumqi, lhasa, bogota, medellin, kinshasa, zagreb, havana, nicosia, prague, brno, copenhagen,
quito, guayaquil, cairo, alexandria, tallinn, addis ababa, helsinki, paris, marseille, lyon, nice,
tbilisi, berlin, hamburg, munich, frankfurt, cologne, stuttgart, dusseldorf, bonn, leipzig, dresden,
accra, athens, thessaloniki, guatemala city, conakry, port-au-prince, tegucigalpa, budapest,
reykjavik, new delhi, delhi, mumbai, bombay, kolkata, calcutta, chennai, madras, bangalore,
bengaluru, hyderabad, ahmedabad, pune, jakarta, surabaya, bali, bandung, medan, tehran, isfahan,
baghdad, basra, mosul, erbil, dublin, belfast, jerusalem, tel aviv, haifa, rome, milan, naples,
turin, florence, venice, genoa, palermo, kingston, tokyo, osaka, kyoto, yokohama, nagoya, sapporo,
fukuoka, amman, astana, almaty, nairobi, mombasa, pristina, kuwait city, bishkek, vientiane, riga,
beirut, tripoli, benghazi, vilnius, antananarivo, kuala lumpur, putrajaya, johor bahru, penang,
george town, ipoh, malacca, melaka, kota kinabalu, kuching, shah alam, petaling jaya, klang,
port klang, cyberjaya, labuan, male, bamako, valletta, mexico city, guadalajara, monterrey, tijuana,
chisinau, ulaanbaatar, podgorica, rabat, casablanca, tangier, maputo, yangon, rangoon, naypyidaw,
mandalay, windhoek, kathmandu, amsterdam, rotterdam, the hague, utrecht, eindhoven, wellington,
auckland, managua, niamey, abuja, lagos, pyongyang, sinuiju, kaesong, wonsan, hamhung, chongjin,
rason, seoul, busan, pusan, incheon, daegu, daejeon, gwangju, ulsan, suwon, jeju, panmunjom,
oslo, bergen, muscat, islamabad, karachi, lahore, peshawar, rawalpindi, quetta, ramallah,
panama city, asuncion, lima, manila, quezon city, cebu, davao, makati, warsaw, krakow, gdansk,
wroclaw, lodz, lisbon, porto, doha, bucharest, moscow, st petersburg, saint petersburg,
vladivostok, novosibirsk, yekaterinburg, kazan, kaliningrad, sochi, murmansk, khabarovsk, kigali,
riyadh, jeddah, mecca, medina, dammam, dakar, belgrade, freetown, mogadishu, pretoria,
johannesburg, cape town, durban, juba, madrid, barcelona, valencia, seville, bilbao, malaga,
colombo, khartoum, stockholm, gothenburg, bern, zurich, geneva, basel, lausanne, damascus, aleppo,
idlib, homs, raqqa, taipei, kaohsiung, dushanbe, dar es salaam, dodoma, bangkok, pattaya, phuket,
chiang mai, lome, tunis, ankara, istanbul, izmir, antalya, ashgabat, kampala, kyiv, kiev, kharkiv,
odesa, odessa, lviv, mariupol, dnipro, abu dhabi, dubai, sharjah, london, manchester, birmingham,
liverpool, leeds, glasgow, edinburgh, cardiff, bristol, oxford, cambridge, washington,
washington dc, new york, new york city, los angeles, san francisco, chicago, houston, boston,
miami, seattle, atlanta, dallas, philadelphia, detroit, denver, las vegas, phoenix, san diego,
brooklyn, manhattan, silicon valley, montevideo, tashkent, caracas, hanoi, ho chi minh city,
saigon, da nang, sanaa, aden, lusaka, harare, macau, kowloon, taipei, singapore, luxembourg,
monaco, sanaa, gaza city, hebron, nablus, sderot, kirkuk, fallujah, kandahar, herat, mazar-i-sharif,
asia, europe, africa, americas, north america, south america, latin america, central america,
middle east, near east, far east, southeast asia, south asia, east asia, central asia,
asia-pacific, asia pacific, eurasia, oceania, antarctica, arctic, scandinavia, balkans, caucasus,
baltics, caribbean, sahel, maghreb, levant, horn of africa, sub-saharan africa, west africa,
east africa, north africa, southern africa, eastern europe, western europe, central europe,
siberia, pacific, atlantic, mediterranean, persian gulf, gulf, red sea, black sea, caspian sea,
south china sea, east china sea, yellow sea, sea of japan, east sea, baltic sea, north sea,
korean peninsula, strait of hormuz, strait of malacca, taiwan strait, suez canal, golan heights,
sinai, west java, east java, java, sumatra, borneo, sulawesi, papua, mindanao, luzon, hokkaido,
okinawa, honshu, sabah, sarawak, selangor, johor, kedah, kelantan, terengganu, pahang, perak, perlis,
negeri sembilan, guangdong, fujian, zhejiang, jiangsu, shandong, liaoning, jilin, heilongjiang,
yunnan, sichuan, hubei, hunan, henan, hebei, shanxi, shaanxi, gansu, guangxi, hainan, inner mongolia,
punjab, sindh, balochistan, kerala, gujarat, maharashtra, bengal, west bengal, tamil nadu, karnataka,
kent, surrey, yorkshire, lancashire, essex, sussex, cornwall, bavaria, saxony, hesse, brandenburg,
north rhine-westphalia, catalonia, andalusia, lombardy, sicily, sardinia, tuscany, corsica,
flanders, wallonia, normandy, brittany, provence, alsace, ontario, quebec, british columbia,
alberta, queensland, new south wales, victoria, tasmania, alabama, alaska, arizona, arkansas,
california, colorado, connecticut, delaware, florida, hawaii, idaho, illinois, indiana, iowa,
kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota, mississippi,
missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, north carolina,
north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota,
tennessee, texas, utah, vermont, virginia, west virginia, wisconsin, wyoming, kiev oblast,
dagestan, tatarstan, kamchatka, sakhalin, primorye, kurdistan, darfur, tigray, rakhine, mindanao,
greater london, wall street, hollywood, westminster, whitehall, downing street, pentagon city`;

/** Organisations whose names carry no keyword: agencies, news services, companies, groups. */
const ORGANIZATIONS = `un, united nations, nato, eu, european union, asean, opec, interpol, europol,
eurojust, unicef, unesco, unhcr, who, wto, imf, world bank, ecb, fatf, osce, iaea, icc, oecd, g7, g20,
brics, african union, arab league, red cross, red crescent, amnesty international, human rights watch,
greenpeace, fbi, cia, nsa, dhs, doj, dea, atf, irs, sec, cftc, fincen, ofac, nca, mi5, mi6, gchq,
fsb, gru, svr, kgb, sbu, mossad, shin bet, isi, raw, nis, kcna, cisa, ncsc, bsi, anssi, nypd, lapd,
kremlin, pentagon, white house, state department, justice department, treasury, congress, senate,
bundestag, duma, knesset, politburo, hamas, hezbollah, hizbollah, taliban, al-qaeda, al qaeda,
al-shabab, isis, isil, islamic state, boko haram, houthis, wagner, lazarus, kimsuky, fancy bear,
cozy bear, sandworm, reuters, afp, ap, associated press, bloomberg, bbc, cnn, nbc, abc, cbs, fox news,
al jazeera, xinhua, tass, ria novosti, interfax, yonhap, kyodo, nhk, bernama, the star,
the guardian, the times, new york times, washington post, wall street journal, financial times,
the economist, nikkei, south china morning post, politico, axios, google, alphabet, microsoft,
apple, amazon, facebook, meta, twitter, instagram, whatsapp, youtube, telegram, tiktok, bytedance,
linkedin, reddit, signal, netflix, ibm, intel, nvidia, oracle, cisco, samsung, sony, huawei, zte,
alibaba, tencent, baidu, xiaomi, lenovo, toyota, honda, nissan, hyundai, kia, lg, volkswagen, bmw,
siemens, airbus, boeing, lockheed martin, raytheon, symantec, kaspersky, mcafee, fireeye, mandiant,
crowdstrike, palo alto networks, check point, trend micro, sophos, eset, chainalysis, elliptic,
binance, coinbase, kraken, bitfinex, upbit, bithumb, tether, paypal, visa, mastercard, swift,
goldman sachs, jpmorgan, jp morgan, morgan stanley, citigroup, citibank, hsbc, barclays, ubs,
credit suisse, deutsche bank, bnp paribas, societe generale, ing, rabobank, abn amro, santander,
standard chartered, lloyd's of london, lloyds, maybank, cimb, rhb, dbs, ocbc, uob, mizuho, nomura, sberbank, gazprom,
rosneft, lukoil, aeroflot, vtb, petronas, aramco, sinopec, cnooc, petrochina, exxon, exxonmobil,
chevron, shell, bp, total, totalenergies, pfizer, moderna, uber, grab, airbnb, tesla, spacex,
openai, anthropic, ford, general motors, walmart, mossack fonseca, deloitte, kpmg, pwc, ey,
mckinsey, accenture, fifa, ioc, olympic committee, scotland yard, met police, europarl,
mas, bnm, sc, pdrm, macc, sprm, mcmc, 1mdb, kpk, nab, ofcom, fca, pra, bafin, finma, amf, consob,
cnil, nsc, kdb, kisa, fsc, fss, nps, sk telecom, kt, naver, kakao, coupang, lotte, sk hynix`;

/** Demonyms and nationality adjectives: not entities in themselves ("Malaysian police"). */
const DEMONYMS = `afghan, albanian, algerian, american, andorran, angolan, argentine, argentinian,
armenian, australian, austrian, azerbaijani, azeri, bahraini, bangladeshi, belarusian, belgian,
bolivian, bosnian, brazilian, british, briton, bruneian, bulgarian, burmese, cambodian,
cameroonian, canadian, chilean, chinese, colombian, congolese, croatian, cuban, cypriot, czech,
danish, dane, dutch, ecuadorian, egyptian, emirati, english, eritrean, estonian, ethiopian,
european, filipino, finnish, french, georgian, german, ghanaian, greek, guatemalan, haitian,
honduran, hungarian, icelandic, indian, indonesian, iranian, iraqi, irish, israeli, italian,
ivorian, jamaican, japanese, jordanian, kazakh, kenyan, korean, kosovar, kurdish, kuwaiti, kyrgyz,
lao, laotian, latvian, lebanese, liberian, libyan, lithuanian, luxembourgish, macedonian, malagasy,
malawian, malay, malaysian, maldivian, malian, maltese, mexican, moldovan, mongolian, montenegrin,
moroccan, mozambican, namibian, nepalese, nepali, nigerian, nigerien, norwegian, omani, pakistani,
palestinian, panamanian, paraguayan, persian, peruvian, philippine, polish, pole, portuguese,
qatari, romanian, russian, rwandan, saudi, scottish, scot, senegalese, serb, serbian, singaporean,
slovak, slovenian, somali, spanish, sri lankan, sudanese, swedish, swede, swiss, syrian, taiwanese,
tajik, tanzanian, thai, tibetan, tunisian, turkish, turk, turkmen, ugandan, ukrainian, uruguayan,
uzbek, venezuelan, vietnamese, welsh, yemeni, zambian, zimbabwean, arab, arabic, asian, african,
western, eastern, northern, southern, central, north, south, east, west, soviet, sino, anglo,
latin, nordic, baltic, balkan, caucasian, slavic, hispanic, uyghur, uighur, rohingya, pashtun,
tamil, sikh, hindu, muslim, islamic, islamist, jewish, christian, catholic, protestant, orthodox,
buddhist, sunni, shia, shiite, jihadist, communist, marxist, democrat, democrats, republican,
republicans, conservative, conservatives, liberal, liberals, labour, tory, tories, north korean, south korean, saudi arabian, new zealander, hongkonger,
transatlantic, pan-african, pro-russian, pro-western, anti-western, chinese-language`;

/** Function words: never inside a name, so they end one ("of", "for", "and" are joined apart). */
const FUNCTION_WORDS = `a, an, the, and, or, but, nor, so, yet, in, on, at, to, from, by, with, without,
within, into, onto, upon, about, above, across, after, against, along, amid, among, around, as,
before, behind, below, beside, besides, between, beyond, despite, during, except, inside, like,
near, off, outside, over, past, per, since, than, through, throughout, toward, towards, under,
until, up, via, whether, while, whilst, although, though, because, if, unless, once, when,
whenever, where, whereas, why, how, what, which, who, whom, whose, that, this, these, those, there,
here, then, now, thus, however, meanwhile, moreover, furthermore, nevertheless, nonetheless,
instead, indeed, also, even, only, just, i, me, my, we, us, our, you, your, he, him, his, she, her,
it, its, they, them, their, is, are, was, were, be, been, has, have, had, do, does, did, will, would,
shall, should, can, could, might, must, not, no, yes, all, any, both, each, either, neither,
every, some, such, many, much, more, most, several, said, says, told`;

/** Words that start sentences or headings but are not names on their own. */
const COMMON_CAPITALISED = `a, an, the, and, or, but, nor, so, yet, for, of, in, on, at, to, from, by,
with, without, within, into, onto, upon, about, above, across, after, against, along, amid, amidst,
among, around, as, before, behind, below, beneath, beside, besides, between, beyond, despite,
during, except, following, inside, like, near, off, outside, over, past, per, since, than, through,
throughout, toward, towards, under, underneath, unlike, until, till, up, via, whether, while, whilst,
although, though, because, if, unless, once, when, whenever, where, wherever, whereas, why, how,
what, which, who, whom, whose, that, this, these, those, there, here, then, now, thus, hence,
therefore, however, meanwhile, moreover, furthermore, nevertheless, nonetheless, otherwise,
instead, indeed, still, also, already, even, only, just, perhaps, maybe, again, later, earlier,
soon, today, yesterday, tomorrow, tonight, recently, currently, previously, separately, elsewhere,
finally, first, second, third, last, next, initially, eventually, ultimately, similarly,
additionally, likewise, overall, altogether, anyway, besides, consequently, accordingly,
specifically, notably, importantly, unfortunately, fortunately, interestingly, clearly,
apparently, reportedly, allegedly, officially, publicly, privately, i, me, my, mine, myself, we, us,
our, ours, ourselves, you, your, yours, he, him, his, himself, she, her, hers, herself, it, its,
itself, they, them, their, theirs, themselves, one, ones, someone, somebody, something, anyone,
anybody, anything, everyone, everybody, everything, nobody, nothing, none, no, not, yes, all, any,
both, each, either, neither, every, few, many, much, more, most, less, least, several, some, such,
other, others, another, same, own, very, too, quite, rather, enough, almost, nearly, about, around,
roughly, approximately, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve,
twenty, thirty, forty, fifty, hundred, hundreds, thousand, thousands, million, millions, billion,
billions, dozens, half, is, are, was, were, be, been, being, am, has, have, had, having, do, does,
did, done, will, would, shall, should, can, could, may, might, must, ought, let, please, thanks,
according, asked, speaking, based, given, including, regarding, concerning, considering, compared,
added, said, says, told, noted, stated, reported, warned, explained, described, written, read,
see, look, note, watch, click, subscribe, share, follow, sign, log, login, register, download,
contact, print, email, comment, comments, reply, related, source, sources, photo, photos, picture,
video, image, caption, credit, copyright, advertisement, sponsored, content, editor, editors,
opinion, analysis, update, updated, breaking, exclusive, latest, news, world, business, politics,
markets, technology, sport, sports, home, page, section, menu, search, more, top, story, stories,
read more, topics, tags, officials, official, police, authorities, investigators, prosecutors,
analysts, experts, researchers, lawyers, critics, residents, witnesses, reporters, journalists,
hackers, attackers, criminals, suspects, victims, customers, users, staff, employees, workers,
people, citizens, members, leaders, diplomats, lawmakers, legislators, regulators, banks, companies,
firms, governments, government, security, intelligence, state, states, federal, national,
international, local, regional, global, foreign, domestic, public, private, former, new, old,
senior, junior, top, chief, deputy, acting, interim, then, future, current, recent, early, late,
other, certain, several, various, numerous, major, minor, key, main, big, small, large, high, low,
long, short, full, whole, entire, total, final, further, additional, extra, special, general,
particular, specific, real, true, false, good, bad, best, worst, better, worse, great, little,
many, several, unlike, like, such, some, police said, officials said, sources said, meanwhile,
evidence, documents, records, data, information, reports, report, statement, statements,
according, court, courts, judge, trial, case, cases, investigation, inquiry, probe, attack, attacks,
cyberattack, cyberattacks, malware, ransomware, phishing, hacking, fraud, scam, scams, sanctions,
money, funds, payments, transfers, accounts, shares, prices, costs, sales, profits, losses, growth,
despite, amid, after, before, since, during, until, throughout, prior, whereas, regardless, thereby,
shortly, immediately, quickly, slowly, largely, mostly, partly, mainly, mostly, widely, heavily,
why, yes, ok, okay, oh, well, hello, dear, sincerely, regards, subject, re, fw, fwd, cc, bcc, attn,
note, notes, summary, background, introduction, conclusion, conclusions, appendix, annex, table,
figure, chapter, part, step, item, items, list, question, questions, answer, answers, answered,
one of, some of, many of, most of, none of, all of, each of, both of, unlike, because of,
hi, hello, hey, dear, thanks, thank, regards, cheers, best, kind, warm, sincerely, morning,
afternoon, evening, good, yours, operations, team, teams, support, marketing, finance, compliance,
legal, risk, admin, engineering, investigations, payments, customer, client, clients, desk,
helpdesk, procurement, accounting, audit, treasury operations, fraud operations, all, everyone,
urgent, important, confidential, reminder, action, required, attached, attachment, attachments,
forwarded, original, message, sent, date, cc, bcc, from, to, reply, inbox, draft, internal,
reuters reported, friday's, monday's, tuesday's, wednesday's, thursday's, saturday's, sunday's`;

/** Never names on their own: festivals, languages, currencies, common acronyms ("CEO", "VPN"). */
const NEVER_NAMES = `christmas, easter, ramadan, eid, diwali, hanukkah, passover, thanksgiving, halloween, lent,
new year, lunar new year, chuseok, hari raya, deepavali, i, god, allah, internet, web, bitcoin,
bitcoins, ether, ethereum, monero, litecoin, dogecoin, tether, usdt, covid, covid-19, coronavirus,
english, arabic, mandarin, cantonese, hangul, islam, christianity, judaism, buddhism, hinduism,
ma'am, ad, bc, am, pm, ok, tv, gmt, utc, bst, cet, est, pst, kst, edt,
pdt, ceo, cfo, cto, coo, ciso, gdp, ipo, vpn, pdf, url, urls, http, https, html, dns, ip, ips, sms, gps,
usb, cpu, gpu, api, sql, it, ai, id, ids, dna, hiv, aids, atm, atms, pin, pins, vat, pr, hr, qr, cctv,
sim, ddos, rat, apt, cve, ioc, iocs, ttps, c2, tor, vpns, nft, nfts, defi, kyc, aml, ngo, ngos, mp, mps,
usd, eur, gbp, jpy, cny, rmb, krw, myr, sgd, hkd, rub, inr, aud, cad, chf, btc, eth, xmr, ltc, trx,
km, kg, mb, gb, tb, kb, mw, mph, kmh, ii, iii, iv, vi, vii, viii, ix, xi, xii, faq, etc, eg, ie, vs,
no, nos, re, fyi, asap, rsvp, ps, nb, ceo's, q1, q2, q3, q4, fy, h1, h2, covid19, sars, mers, ebola`;

/** Months and weekdays: never part of a name, so they also end one. */
const DATE_WORDS = `january, february, march, april, may, june, july, august, september, october,
november, december, monday, tuesday, wednesday, thursday, friday, saturday, sunday`;

/** Month and weekday abbreviations: dates only next to a number ("Jan 5"); "Jan" is a name too. */
const DATE_ABBREVIATIONS = `jan, feb, mar, apr, jun, jul, aug, sep, sept, oct, nov, dec, mon, tue, tues, wed,
thu, thur, thurs, fri, sat, sun`;

/** Software, devices and malware families: capitalised, but not names of the three kinds. */
const PRODUCTS = `windows, linux, ubuntu, debian, android, ios, macos, iphone, ipad, chrome, chromium,
firefox, safari, edge, excel, outlook, powerpoint, sharepoint, onedrive, azure, powershell, bash,
python, java, javascript, office 365, microsoft 365, microsoft office, microsoft word, microsoft excel,
microsoft outlook, microsoft teams, microsoft edge, microsoft exchange, microsoft windows,
microsoft defender, windows defender, google chrome, google drive, google docs, google play,
apple iphone, cobalt strike, mimikatz, metasploit, bloodhound, rclone, anydesk, teamviewer, putty,
wireshark, nmap, tor browser, emotet, trickbot, qakbot, qbot, dridex, zeus, ryuk, wannacry,
notpetya, petya, mirai, plugx, shadowpad, icedid, lokibot, agent tesla, redline stealer, raccoon
stealer, formbook, njrat, darkcomet, gh0st, stuxnet, pegasus, predator, citrix bleed, log4shell,
heartbleed, eternalblue`;

/** Honorifics and titles: they precede a person's name and are not part of it. */
const TITLES = `mr, mrs, ms, miss, mx, dr, prof, professor, sir, dame, lord, lady, madam, president,
vice-president, vice president, premier, chancellor, minister, prime minister, secretary,
secretary-general, under secretary, undersecretary, senator, sen, rep, representative,
congressman, congresswoman, governor, gov, mayor, general, gen, lieutenant, lt, colonel, col,
major, maj, captain, capt, sergeant, sgt, corporal, private, admiral, adm, commander, cmdr,
marshal, field marshal, brigadier, judge, justice, magistrate, chief, inspector,
inspector-general, superintendent, commissioner, detective, det, officer, constable, king, queen,
prince, princess, crown prince, emperor, empress, sheikh, shaikh, sheik, emir, amir, sultan, raja,
tunku, tengku, tun, tan sri, puan sri, datuk, dato, datin, datuk seri, dato sri, dato seri, seri,
sri, haji, hajjah, pope, cardinal, archbishop, bishop, father, rev, reverend, pastor, rabbi, imam,
ayatollah, grand ayatollah, mullah, comrade, chairman, chairwoman, chairperson, chair, director,
director-general, director general, ambassador, affairs, envoy, consul, deputy, vice, acting, interim,
leader, speaker, ceo, founder, attorney, attorney general, attorney-general, prosecutor,
solicitor general, spokesman, spokeswoman, spokesperson, foreign, finance, defence, defense, home,
interior, justice, trade, economy, health, education, transport, energy, labour, labor,
agriculture, information, communications, culture, tourism, environment, senior, supreme, grand,
crown, assistant, executive, managing, chief executive, supreme leader, dear leader, marshal,
mp, minister-president, state, opposition, party, former, ex, late, saint, st, ustaz, lawyer,
analyst, banker, businessman, tycoon, mogul`;

/** Title words that make the stripped words a person's title (not "Foreign Office"). */
const TITLE_NOUNS = `mr, mrs, ms, miss, mx, dr, prof, professor, sir, dame, lord, lady, president,
premier, chancellor, minister, secretary, secretary-general, undersecretary, senator, sen, rep,
representative, congressman, congresswoman, governor, gov, mayor, general, gen, lieutenant, lt,
colonel, col, major, maj, captain, capt, sergeant, sgt, corporal, admiral, adm, commander, cmdr,
marshal, brigadier, judge, justice, magistrate, inspector, inspector-general, superintendent,
commissioner, detective, det, officer, constable, king, queen, prince, princess, emperor, empress,
tan sri, puan sri, datuk seri, dato sri, dato seri, crown prince, prime minister, sheikh, shaikh, sheik, emir, amir, sultan, tunku, tengku, tun, datuk, dato, datin, haji, hajjah,
pope, cardinal, archbishop, bishop, father, rev, reverend, pastor, rabbi, imam, ayatollah, mullah,
comrade, chairman, chairwoman, chairperson, director, director-general, ambassador, envoy, consul,
leader, speaker, ceo, founder, attorney, prosecutor, spokesman, spokeswoman, spokesperson, ustaz,
vice-president, attorney-general, minister-president, mp, lawyer, analyst, banker, businessman,
tycoon, mogul`;

/** Titles that can only stand before a person's name ("Mr Park", not "General Motors"). */
const HONORIFICS = `mr, mrs, ms, miss, mx, dr, prof, professor, sir, dame, madam, president, premier,
prime minister, chancellor, minister, senator, sen, rep, congressman, congresswoman, ambassador,
sheikh, shaikh, sheik, emir, datuk, dato, datin, tun, tan sri, puan sri, datuk seri, dato sri,
dato seri, haji, hajjah, ustaz, comrade, rev, reverend, imam, rabbi, pope, ayatollah, mayor,
governor, gov, mp, secretary-general, vice-president, chairman, chairwoman, spokesman,
spokeswoman, spokesperson, lawyer, tycoon, businessman, ceo`;

/** Lower-case words right before a name that make it a person ("leader Kim Jong-un"). */
const PERSON_ROLES = `leader, ambassador, envoy, diplomat, spokesman, spokeswoman, spokesperson,
minister, president, premier, chancellor, chairman, chairwoman, director, executive, officer,
official, analyst, researcher, lawyer, attorney, prosecutor, judge, financier, businessman,
businesswoman, tycoon, banker, captain, engineer, developer, programmer, suspect, defendant,
accused, fugitive, wife, husband, son, daughter, brother, sister, half-brother, half-sister,
father, mother, uncle, aunt, cousin, nephew, niece, grandson, granddaughter, colleague, associate,
partner, founder, co-founder, owner, chief, agent, spy, hacker, author, writer, journalist,
reporter, correspondent, editor, columnist, professor, scholar, student, manager, employee,
worker, citizen, national, dissident, activist, general, colonel, commander, soldier, pilot,
governor, mayor, senator, congressman, congresswoman, lawmaker, legislator, politician, dictator,
ruler, king, queen, prince, secretary, deputy, accomplice, victim, witness, informant, surnamed,
named, dubbed, nicknamed, alias, aka, mr, mrs, ms, dr, singer, actor, actress, director-general,
economist, scientist, expert, consultant, adviser, advisor, aide, assistant, successor,
predecessor, counterpart, rival, opponent, candidate, nominee, appointee, girlfriend, boyfriend,
fiancé, fiancee, widow, friend, boss, ceo, cfo, cto, chair, trader, broker, dealer, smuggler,
courier, operative, militant, commander, warlord, cleric, preacher, imam, monk, priest, bishop,
investigator, detective, inspector, sergeant, constable, superintendent, commissioner, chef,
driver, guard, bodyguard, staffer, intern, contractor, whistleblower, defector, insider, hostage,
detainee, prisoner, inmate, convict, boxer, footballer, player, coach, billionaire, millionaire,
entrepreneur, investor, heir, heiress, socialite, lecturer, teacher, doctor, nurse, surgeon,
physician, mp, senator, speaker, ex-wife, ex-husband, stepson, stepdaughter, stepfather,
stepmother, father-in-law, mother-in-law, son-in-law, daughter-in-law, brother-in-law,
sister-in-law, head`;

/** Lower-case words right before a name that make it an organisation ("security firm Kaspersky"). */
const ORG_NOUNS = `firm, company, companies, bank, lender, group, agency, exchange, carrier, airline,
newspaper, broadcaster, network, regulator, operator, insurer, startup, start-up, giant, maker,
manufacturer, retailer, fund, charity, party, militia, outlet, watchdog, ministry, club,
university, institute, consultancy, conglomerate, subsidiary, affiliate, unit, organisation,
organization, outfit, gang, syndicate, cartel, brokerage, platform, developer, supplier, vendor,
contractor, shipper, shipowner, publisher, daily, tabloid, magazine, website, service, body,
authority, department, office, council, commission, committee, association, federation, union,
coalition, movement, faction, wing, army, navy, force, forces, police, court, tribunal, parliament,
assembly, regime, government, administration, cabinet, utility, telecom, telco, insurer, bureau,
registrar, trust, foundation, ngo, think-tank, thinktank, lab, laboratory, team, studio, label,
crew, collective, brand, chain, franchise, exporter, importer, producer, refiner, miner`;

/** Lower-case words right before or after a name that make it a place ("the capital Pyongyang"). */
const PLACE_NOUNS = `city, capital, town, village, port, province, state, island, region, district,
country, nation, county, municipality, suburb, neighbourhood, neighborhood, area, territory,
enclave, peninsula, border, coast, prefecture, county, hub, metropolis, kingdom, republic,
emirate, archipelago, borough, commune, oblast, governorate, resort, outpost, township`;

/** A name's last word (or first, before "of") that makes it an organisation. */
const ORG_HEADS = `inc, incorporated, ltd, limited, llc, llp, lp, plc, corp, corporation, co, company,
companies, group, holdings, holding, bhd, berhad, sdn, ag, gmbh, sa, nv, bv, spa, srl, ab, asa, kk,
pte, pty, oy, as, a/s, sarl, bank, bancorp, banking, capital, partners, associates, ventures,
investments, investment, fund, funds, trust, securities, insurance, assurance, financial, exchange,
markets, ministry, department, dept, agency, administration, authority, bureau, office,
commission, committee, council, board, service, services, directorate, secretariat, institute,
institution, foundation, association, federation, union, league, society, alliance, coalition,
organisation, organization, party, movement, front, army, navy, force, forces, guard, guards,
police, command, corps, brigade, regiment, battalion, militia, court, tribunal, parliament,
assembly, senate, congress, cabinet, government, university, college, school, academy, hospital,
clinic, church, mosque, temple, museum, library, centre, center, laboratory, laboratories, lab,
labs, technologies, tech, systems, solutions, software, networks, network,
communications, telecom, telecommunications, media, news, times, post, journal, herald, tribune,
gazette, review, daily, press, radio, television, broadcasting, airlines, airways, motors,
industries, enterprises, enterprise, energy, oil, petroleum, gas, power, electric,
electronics, pharmaceuticals, pharma, shipping, logistics, freight, maritime, lines, railway,
railways, studios, pictures, entertainment, records, club, team, programme, program, project,
initiative, nations, unit, cell, consulate, embassy, mission, delegation, prosecutors,
commissioners, trading, resources, mining, metals, steel, chemicals, foods, brewery, group's,
cooperative, co-operative, collective, syndicate, cartel, gang, brotherhood, consortium,
institute's, registry, registrar, exchange commission, reserve, treasury, mint, customs, parliament's,
inc's, corps, groep, gruppe, groupe, grupo, gruppo, banque, banco,
caucus, chamber, fc, afc, united`;

/** A name's last word (or first, before "of") that makes it a place. */
const PLACE_HEADS = `street, st, road, rd, avenue, ave, boulevard, blvd, lane, square, bridge, city,
town, township, village, county, district, province, prefecture, state, region, territory,
territories, island, islands, isle, isles, peninsula, mountain, mountains, mount, mt, hill, hills,
valley, river, lake, sea, ocean, gulf, bay, strait, straits, canal, coast, desert, forest, airport,
port, harbour, harbor, beach, republic, kingdom, emirates, oblast, krai, governorate, heights,
plains, delta, basin, highlands, falls, springs, zone, sound, cape, point, reef, plateau, glacier,
park, gardens, plaza, quarter, estate, camp, base, station, terminal, checkpoint, crossing,
borough, parish, ward, canton, county's, dam, palace, tower, towers, building, hall, stadium`;

/** Modifiers that keep a name a place ("Greater London", "Northern Malaysia"). */
const PLACE_MODIFIERS = `north, south, east, west, northern, southern, eastern, western, central,
greater, upper, lower, inner, outer, northeast, northwest, southeast, southwest, northeastern,
northwestern, southeastern, southwestern, mid, new, old, port, san, santa, st, saint, fort, mount`;

/** Frequent given names across the languages investigations meet. */
const GIVEN_NAMES = `aaron, abdul, abdel, abdallah, abdullah, abdulrahman, abu, adam, adel, adrian,
ahmad, ahmed, ahmet, aisha, akira, alan, albert, alberto, alejandro, aleksandr, aleksei, alex,
alexander, alexandra, alexei, alexey, alfred, ali, alice, alicia, alina, alison, amanda, amal, amin,
amina, amir, amit, amy, ana, anatoly, andre, andrea, andreas, andrei, andrew, andrey, andrzej, angela,
angelo, anil, anita, ann, anna, anne, anton, antonio, anwar, arjun, arnold, arthur, arturo, ashok,
ashley, aziz, bakar, barack, barbara, bashar, ben, benjamin, bernard, bill, bilal, bob, boris,
brandon, brian, bruce, budi, carl, carla, carlos, carmen, caroline, catherine, charles, charlie,
chris, christian, christina, christine, christopher, claire, claude, claudia, colin, craig, cynthia,
dan, daniel, daniela, david, dean, deborah, denis, dennis, derek, diana, diane, dieter, dimitri,
dmitri, dmitry, donald, doris, douglas, duncan, dylan, ed, eduard, eduardo, edward, elena, elizabeth,
ellen, emily, emma, emmanuel, enrique, eric, erik, ernesto, eugene, evgeny, fahad, fahd, faisal,
farid, fatima, fatma, felipe, fernando, francesca, francesco, francis, francisco, francois, frank,
franz, fred, frederick, fumio, gabriel, gary, gennady, george, georg, gerald, gerhard, giorgio,
giovanni, giuseppe, gloria, gordon, grace, graham, greg, gregory, guillermo, gustavo, hamad, hamid,
hamza, hannah, hans, harold, haruki, harry, hasan, hassan, heather, heiko, heinz, helen, helena,
helmut, henry, hiroshi, horst, howard, hugo, hussain, hussein, ian, ibrahim, igor, ilya, imran,
ingrid, irina, isaac, ismail, ivan, jack, jacob, jacques, jaime, jamal, james, jan, jane, janet,
jason, javier, jean, jeff, jeffrey, jennifer, jeremy, jerome, jessica, jim, jo, joan, joanna, joe,
johan, johann, johannes, john, johnny, jonathan, jorge, jose, josef, joseph, joshua, joyce, juan,
judith, julia, julian, julie, jurgen, justin, kamal, karen, karim, karl, kate, katarzyna, katherine,
kathleen, keith, kenji, kenneth, kevin, khaled, khalid, kirill, klaus, konstantin, krzysztof, kurt,
larry, laura, lauren, lawrence, leila, leonid, li, linda, lisa, lorenzo, louis, luca, lucas, lucia,
luis, luke, lyudmila, magdalena, mahmoud, majid, maksim, manuel, marc, marco, marcus, margaret,
maria, marie, marina, mario, mark, marek, martin, mary, matteo, matthew, matthias, maurice, max,
maxim, mehmet, melissa, michael, michel, michelle, miguel, mikhail, mike, mohamed, mohammad,
mohammed, mohamad, mohd, muhammad, muhammed, monica, mustafa, nadia, nancy, naoki, narendra,
nasser, natalia, natalya, nathan, neil, nicholas, nick, nicola, nicolas, nikita, nikolai,
nikolay, nina, noor, nur, nurul, olaf, oleg, olga, oliver, olivia, omar, oscar, osama, pablo,
patricia, patrick, paul, paula, pavel, pedro, peter, petr, philip, philippe, pierre, piotr, rachel,
rafael, rahul, raj, rajesh, ralph, ramesh, rami, ramon, rashid, ravi, raymond, recep, rebecca,
richard, rick, rita, robert, roberto, rodrigo, roger, roman, ronald, rosa, ruslan, ruth, ryan,
saad, said, salim, salman, sam, samantha, samir, samuel, sandra, sanjay, sara, sarah, satoshi,
scott, sean, sebastian, sergei, sergey, sergio, shinzo, siti, simon, sofia, sophie, stanislav,
stefan, stephanie, stephen, steve, steven, sunil, susan, suresh, svetlana, taro, takeshi, tamara,
tanya, tariq, tatiana, tatyana, teresa, theresa, thomas, tim, timothy, tom, tomas, tomasz, tony,
ursula, valentina, valery, vanessa, vasily, vera, victor, victoria, viktor, vincent, vijay,
vladimir, vladislav, vyacheslav, walid, walter, wendy, werner, william, willem, wolfgang, xavier,
yaser, yasser, yasmin, yekaterina, yelena, yevgeny, yoshihide, youssef, yousef, yuri, yury,
yusuf, zahid, zainab, zayed, ziad, zoltan, ismail, nurul, wan, nik, syed, sharifah, ahmed, joko, susilo, prabowo, megawati,
rodrigo, ferdinand, imelda, corazon, benigno, gloria, narendra, rahul, sonia, imran, nawaz,
benazir, shehbaz, hasina, khaleda, recep, ilham, nursultan, kassym-jomart, alexander, viktor,
volodymyr, petro, yulia, vitali, vitaliy, mykola, oleksandr, olena, dmytro, taras, bogdan`;

/**
 * Family names that usually come first in Korean, Chinese, Vietnamese and Malaysian Chinese
 * names: a sign of a person only when another capitalised word follows ("Park Ji-yeon").
 */
const EAST_ASIAN_FAMILY_NAMES = `kim, lee, yi, ri, park, pak, choi, choe, jung, jeong, chung, kang,
cho, jo, yoon, yun, jang, chang, lim, im, han, oh, seo, suh, shin, sin, kwon, hwang, ahn, an, song,
yoo, yu, ryu, hong, jeon, chun, ko, go, moon, mun, yang, son, bae, baek, paek, heo, hur, nam, noh,
roh, ha, kwak, sung, cha, joo, ju, woo, min, na, jin, um, byun, chae, won, hyun, wang, zhang, liu,
chen, huang, zhao, wu, zhou, xu, sun, ma, zhu, hu, guo, he, lin, gao, luo, zheng, liang, xie, tang,
deng, feng, cao, peng, zeng, xiao, tian, dong, pan, yuan, cai, jiang, du, ye, cheng, wei, su, lu,
ding, ren, yao, shen, zhong, cui, tan, fan, liao, shi, jia, xia, fu, fang, zou, xiong, bai, meng,
qin, qiu, hou, yin, xue, yan, duan, lei, long, shao, wan, qian, geng, xi, hua, kong, mao, wen,
ng, wong, ong, goh, chua, teo, low, yeo, chong, chan, leong, lau, foo, koh, ho, yap, chin, loh,
khoo, tay, toh, quek, lai, liew, tee, soh, chew, lam, cheung, leung, tsang, kwok, nguyen, tran,
le, pham, hoang, phan, vu, vo, dang, bui, do, ngo, duong, ly`;

/** Endings of family names (Slavic, Armenian, Greek, Turkish, Persian…): a sign of a person. */
export const SURNAME_ENDINGS = [
  'ov',
  'ova',
  'ev',
  'eva',
  'yev',
  'yeva',
  'sky',
  'skiy',
  'skii',
  'ski',
  'ska',
  'skaya',
  'enko',
  'chuk',
  'vich',
  'ovic',
  'evic',
  'yan',
  'escu',
  'poulos',
  'akis',
  'oglu',
  'zadeh',
  'shvili',
  'dze',
  'sson',
];

/** Lower-case words after a name that show a person ("Kang Chol, who …", "Kabir said"). */
const SPEECH_VERBS = `said, says, told, added, denied, wrote, declined, admitted, confirmed,
warned, explained, argued, insisted, claimed, stated, noted, recalled, replied, responded,
acknowledged, testified, pleaded, tweeted, posted, asked, urged, called, described`;

/** Heads that take "of"/"for" and the words after it into the name ("Bank of Korea"). */
const OF_HEADS = `bank, ministry, department, university, office, bureau, center, centre, institute,
association, federation, council, commission, committee, court, organisation, organization,
party, union, board, agency, academy, college, school, church, republic, kingdom, gulf, sea, isle,
isles, city, province, state, strait, straits, bay, lake, cape, port, duchy, principality, emirate,
commonwealth, chamber, society, league, museum, library, hospital, army, navy, corps, order,
service, services, authority, administration, directorate, secretariat, fund, foundation, trust,
alliance, coalition, front, movement, brotherhood, horn, islands, district, county, region,
territory, prefecture, federal reserve bank, reserve bank, school, faculty, division, command,
forces, guard, police, network, institution, task force, force, programme, program, embassy,
consulate, mission, group, conference, tribunal, supreme court, parliament, assembly, senate,
house, cabinet, people's republic, democratic republic, united states, mount, valley, sea,
secretary, minister, governor, director, inspector-general, secretary-general, president,
chairman, chief, commissioner, commander, head, leader, mayor, premier, chancellor, ambassador`;

/** First words that make a name an organisation ("Bank Negara Malaysia"). */
const FIRST_ORG_HEADS = `bank, banco, banque, banca, ministry, university, universiti, radio, club,
kementerian, jabatan, suruhanjaya, lembaga, majlis, parti, persatuan, bursa, team, fc, hotel`;

/** Lower-case particles inside names: "Jan van der Berg", "Abdullah bin Khalid". */
const PARTICLES = `van, von, der, den, de, da, do, dos, das, del, della, di, du, la, le, bin, binti, bint,
ibn, al, el, y, ter, ten, zu, ap, mac`;

/** Words before a name that make it a place: "in Jakarta", "fled to Dubai". */
const STRONG_PLACE_PREPOSITIONS = `in, near, across, throughout, outside, inside, within, off,
via, visited, visit, visiting, entered, left, fled, flew, travelled, traveled, returned, deported,
extradited, landed, arrived, headquartered, based, capital, city, town, village, port, province,
island, region, district, suburb, outskirts, north, south, east, west, northern, southern, eastern,
western, central`;
const WEAK_PLACE_PREPOSITIONS = `from, to, into, towards, toward, at, around, between, through, over, beyond`;

/** Nouns after "X's" that show what X is ("Kovalenko's lawyer", "China's foreign ministry"). */
const POSSESSED_BY_PERSON = `wife, husband, son, sons, daughter, daughters, brother, sister, father,
mother, lawyer, lawyers, attorney, attorneys, family, children, uncle, aunt, cousin, nephew, niece,
girlfriend, boyfriend, father-in-law, mother-in-law, widow, aide, aides, bodyguard, bodyguards,
death, killing, murder, arrest, trial, conviction, release, body, funeral, assassination,
assassins, half-brother, half-sister, mistress, lover, friend, friends, associate, associates,
parents, birthday, memoir, biography, career, resignation, lawyer's, defence, testimony, passport`;
const POSSESSED_BY_ORG = `shares, stock, subsidiary, subsidiaries, founder, co-founder, board,
staff, employees, customers, clients, headquarters, ceo, chairman, chief, spokesman, spokeswoman,
spokesperson, website, servers, platform, app, products, services, branch, branches, compliance,
executives, shareholders, investors, profit, profits, revenue, revenues, management, directors,
brand, offices, parent, owner, owners, operations, unit, units, network, systems, accounts,
exchange, software, leadership, members, membership, researchers, analysts, report, annual`;
const POSSESSED_BY_PLACE = `capital, president, prime, government, foreign, ministry, embassy, army,
military, navy, economy, parliament, people, police, ruler, leader, king, queen, border, borders,
coast, regime, authorities, central, security, intelligence, largest, biggest, second-largest,
cities, provinces, population, citizens, territory, airspace, waters, nuclear, missile, relations,
ambassador, envoy, currency, stock, national, state, state-owned, state-run, supreme, highest,
top, northern, southern, eastern, western, north, south, east, west, interior, defence, defense,
finance, justice, home, trade, cyber, financial, banking, oil, gas, capital's, constitution,
election, elections, opposition, ruling, communist, independence, sovereignty, allies, neighbours,
neighbors, prosecutors, courts, cabinet, armed, health, education, biggest, leading, main`;

let lists: Lexicon | undefined;

export interface Lexicon {
  readonly places: ReadonlySet<string>;
  readonly organizations: ReadonlySet<string>;
  readonly demonyms: ReadonlySet<string>;
  readonly functionWords: ReadonlySet<string>;
  readonly common: ReadonlySet<string>;
  readonly never: ReadonlySet<string>;
  readonly products: ReadonlySet<string>;
  readonly dateWords: ReadonlySet<string>;
  readonly dateAbbreviations: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  readonly titleNouns: ReadonlySet<string>;
  /** First words of titles of several words ("prime", "under", "tan"). */
  readonly titleLeads: ReadonlySet<string>;
  readonly honorifics: ReadonlySet<string>;
  readonly personRoles: ReadonlySet<string>;
  readonly orgNouns: ReadonlySet<string>;
  readonly placeNouns: ReadonlySet<string>;
  readonly orgHeads: ReadonlySet<string>;
  readonly placeHeads: ReadonlySet<string>;
  readonly placeModifiers: ReadonlySet<string>;
  readonly givenNames: ReadonlySet<string>;
  readonly familyNames: ReadonlySet<string>;
  readonly speechVerbs: ReadonlySet<string>;
  readonly ofHeads: ReadonlySet<string>;
  readonly firstOrgHeads: ReadonlySet<string>;
  readonly particles: ReadonlySet<string>;
  readonly strongPlacePrepositions: ReadonlySet<string>;
  readonly weakPlacePrepositions: ReadonlySet<string>;
  readonly possessedByPerson: ReadonlySet<string>;
  readonly possessedByOrg: ReadonlySet<string>;
  readonly possessedByPlace: ReadonlySet<string>;
}

/** The word lists, built on first use. */
export function lexicon(): Lexicon {
  if (lists) return lists;
  const titles = words(TITLES);
  const titleLeads = new Set<string>();
  for (const title of titles)
    if (title.includes(' ')) titleLeads.add(title.split(' ')[0] as string);
  lists = {
    places: words(COUNTRIES + ',' + PLACES),
    organizations: words(ORGANIZATIONS),
    demonyms: words(DEMONYMS),
    functionWords: words(FUNCTION_WORDS),
    common: words(COMMON_CAPITALISED),
    never: words(NEVER_NAMES),
    products: words(PRODUCTS),
    dateWords: words(DATE_WORDS),
    dateAbbreviations: words(DATE_ABBREVIATIONS),
    titles,
    titleLeads,
    honorifics: words(HONORIFICS),
    titleNouns: words(TITLE_NOUNS),
    personRoles: words(PERSON_ROLES),
    orgNouns: words(ORG_NOUNS),
    placeNouns: words(PLACE_NOUNS),
    orgHeads: words(ORG_HEADS),
    placeHeads: words(PLACE_HEADS),
    placeModifiers: words(PLACE_MODIFIERS),
    givenNames: words(GIVEN_NAMES),
    familyNames: words(EAST_ASIAN_FAMILY_NAMES),
    speechVerbs: words(SPEECH_VERBS),
    ofHeads: words(OF_HEADS),
    firstOrgHeads: words(FIRST_ORG_HEADS),
    particles: words(PARTICLES),
    strongPlacePrepositions: words(STRONG_PLACE_PREPOSITIONS),
    weakPlacePrepositions: words(WEAK_PLACE_PREPOSITIONS),
    possessedByPerson: words(POSSESSED_BY_PERSON),
    possessedByOrg: words(POSSESSED_BY_ORG),
    possessedByPlace: words(POSSESSED_BY_PLACE),
  };
  return lists;
}
