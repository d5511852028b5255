// Development texts for the name recogniser (src/ingest/ner), written for it and labelled inline:
// {P:…} a person, {O:…} an organisation, {L:…} a place. Used by scripts/ner-compare.mjs only.
// Labelling follows common NER practice: titles and honorifics outside the name, nationality
// adjectives ("North Korean") not labelled, countries acting as states labelled as places.
// Texts 0–6 were written first and tuned on; 7–9 were held out of that tuning; 10–15 were
// written after the first tuning round and scored blind once before being tuned on too
// (GROUPS). The labelled fixture set (tests/fixtures/extraction/labelled) is the real yardstick.

export const GROUPS = [
  { name: 'development texts 0–6', from: 0, to: 7 },
  { name: 'held-out texts 7–9', from: 7, to: 10 },
  { name: 'second batch 10–15', from: 10, to: 16 },
  { name: 'third batch 16–18 (e-mail, report, memo)', from: 16, to: 19 },
];

export const DEV_TEXTS = [
  // 0 — cyber attack, Malaysia / North Korea
  `{L:Malaysia} steps up cyber defences after embassy row

{L:KUALA LUMPUR} -- {L:Malaysia} has tightened security around government networks after relations with {L:North Korea} soured following the killing of {P:Kim Jong Nam}, the estranged half-brother of leader {P:Kim Jong-un}, at {L:Kuala Lumpur International Airport} in February.

{O:CIMB Group Holdings}, one of the country's largest lenders, told staff on Thursday to be wary of phishing e-mails. "There could be attacks against Malaysian websites," {O:CIMB} said in an internal notice seen by {O:Reuters}.

Police said on Monday that four suspects were still being sought. Inspector-General of Police {P:Khalid Abu Bakar} told reporters in {L:Putrajaya} that two of them had left for {L:Jakarta} and then {L:Dubai} before flying to {L:Pyongyang}. However, he declined to name them.

{O:CyberSecurity Malaysia}, the national cyber agency, said it had seen a rise in scans from addresses in {L:China} and {L:Russia}. Its chief executive, {P:Amirudin Abdul Wahab}, said the agency was working with the {O:Malaysian Communications and Multimedia Commission} and {O:Bank Negara Malaysia} to protect payment systems.

{L:North Korea} responded by barring 11 Malaysians from leaving {L:Pyongyang}. Two of them work for the {O:UN World Food Programme}. Ambassador {P:Kang Chol} was expelled on Saturday after accusing {L:Malaysia} of colluding with {L:South Korea}. Mr {P:Kang} denied any involvement.`,

  // 1 — sanctions, shipping, Chinese and Russian names
  `Treasury sanctions shipping firms over oil transfers to {L:North Korea}

{L:WASHINGTON} — The {O:U.S. Treasury Department} on Tuesday imposed sanctions on three shipping companies and two people it said helped {L:North Korea} evade a {O:United Nations} cap on refined petroleum.

The {O:Office of Foreign Assets Control} named {O:Shanghai Dongfeng Shipping Co Ltd} and {O:Weihai World-Shipping Freight}, both based in {L:China}, and {O:Vostok Maritime LLC} of {L:Vladivostok}, {L:Russia}. It also listed {P:Zhang Wei}, a director of the {L:Shanghai} firm, and {P:Sergei Ivanovich Petrov}, a Russian captain who, according to the notice, switched off his vessel's transponder near the {L:Korean Peninsula}.

"These networks are sophisticated but not invisible," Under Secretary {P:Sigal Mandelker} said in a statement. She added that the {O:FBI} and the {O:Department of Justice} were pursuing related cases.

{P:Petrov} could not be reached for comment. A spokesman for {O:Vostok Maritime} said the company complied with all Russian and international law. {L:China}'s foreign ministry spokesman {P:Geng Shuang} said {L:Beijing} opposed unilateral sanctions.

Analysts at the {O:Center for Strategic and International Studies} in {L:Washington} said ship-to-ship transfers in the {L:East China Sea} had grown since last spring. "It's a game of whack-a-mole," said {P:Victor Cha}, a former {O:White House} adviser.

Under the rules, Americans may not do business with the listed firms, and any of their property in the {L:United States} is frozen.`,

  // 2 — fraud, Europe
  `Dutch prosecutors charge bank staff in money-laundering case

{L:AMSTERDAM} ({O:Reuters}) - Dutch prosecutors on Wednesday charged two former employees of {O:ING Groep} over their role in processing payments linked to a fraud ring that stole millions from pensioners in {L:Germany} and {L:Belgium}.

The {O:Public Prosecution Service} said {P:Jan van der Berg}, 52, and {P:Marieke de Vries}, 38, had ignored repeated warnings from the bank's compliance unit. Both worked at a branch in {L:Rotterdam} between 2016 and 2019.

According to the charge sheet, the ring was run by {P:Dimitri Kovalenko}, a Ukrainian national arrested in {L:Kraków} last year, and {P:Luca Bianchi}, who is believed to be in {L:Dubai}. {O:Europol} coordinated raids in five countries, including {L:Poland}, {L:Italy} and {L:Spain}.

{O:ING} said it was cooperating fully. Chief executive {P:Ralph Hamers} said in March that the bank had "learned painful lessons" and had hired 700 more compliance officers.

The {O:Dutch Central Bank} declined to comment. Lawyers for {P:van der Berg} said he would plead not guilty. A hearing is set for October at the district court in {L:The Hague}.

{P:Kovalenko}'s lawyer, {P:Anna Nowak}, told {O:Polish Radio} that her client was "a scapegoat".`,

  // 3 — Arabic names, terror financing
  `{L:Gulf} states freeze assets of charity accused of funding militants

{L:RIYADH} — {L:Saudi Arabia} and the {L:United Arab Emirates} on Sunday froze the assets of a charity and four of its officials, saying the group had channelled money to fighters in {L:Yemen} and {L:Syria}.

The {O:Terrorist Financing Targeting Center}, a body set up with the {L:United States}, named the charity as {O:Al-Rahma Relief Foundation} and listed its founder, {P:Abdullah bin Khalid al-Qahtani}, as well as {P:Mohammed Saeed al-Harbi} and {P:Yousef Hassan}.

A statement carried by the official {O:Saudi Press Agency} said {P:al-Qahtani} had used front companies in {L:Kuwait} and {L:Bahrain} to move funds. He could not be reached.

The move follows a similar listing by the {O:European Union} in January. {P:Hassan} was arrested in {L:Istanbul} in 2018 but later released, Turkish officials said.

Meanwhile, Sheikh {P:Tamim} — not to be confused with {L:Qatar}'s ruler — said on {O:Twitter} that the charges were politically motivated.

{O:Amnesty International} said due process had not been followed. "Freezing assets without any hearing is wrong," said {P:Lynn Maalouf}, its deputy director for the {L:Middle East}.`,

  // 4 — cyber attack, Lazarus / SWIFT, Bangladesh
  `Hackers linked to {L:North Korea} tried to steal $1 billion from central bank

{L:DHAKA} - Hackers who broke into the {O:Bangladesh Bank} network last year tried to steal nearly $1 billion through the {O:Federal Reserve Bank of New York}, investigators said on Friday.

Researchers at {O:Symantec} and {O:BAE Systems} linked the malware to the {O:Lazarus Group}, which {L:U.S.} officials blame for the 2014 attack on {O:Sony Pictures}. {O:Lazarus} has also been tied to attacks on banks in {L:Vietnam}, {L:Ecuador} and the {L:Philippines}.

Most of the money was stopped, but $81 million was transferred to accounts at {O:Rizal Commercial Banking Corp} in {L:Manila}. A branch manager there, {P:Maia Santos-Deguito}, was later convicted of money laundering.

{P:Atiur Rahman}, the governor of the central bank, resigned over the affair. His successor, {P:Fazle Kabir}, said on Tuesday that new controls were in place.

"We have been working closely with {O:SWIFT} and the {O:FBI}," {P:Kabir} said. Investigators believe the attackers spent months inside the network before striking on a Thursday night, when the {L:Dhaka} office was closed; the {L:New York} office was closed the next day.

{O:Kaspersky Lab}, a {L:Moscow}-based security firm, said in April that it had found code shared with tools used against {L:South Korea}.`,

  // 5 — Korean names, crypto
  `South Korean police arrest three over cryptocurrency exchange hack

{L:SEOUL} — South Korean police have arrested three people suspected of helping launder $40 million stolen from the {O:Upbit} exchange, the {O:Korean National Police Agency} said on Wednesday.

The suspects include {P:Lee Min-ho}, 29, a former developer at the exchange, and {P:Park Ji-yeon}, 34, who ran an over-the-counter trading desk in {L:Busan}. A third man, surnamed {P:Choi}, was detained at {L:Incheon} airport as he tried to board a flight to {L:Bangkok}.

Investigators said the stolen coins had passed through dozens of wallets before being cashed out in {L:Hong Kong} and {L:Cambodia}. The {O:National Intelligence Service} has blamed North Korean hackers for the theft.

Mr {P:Lee} denied the charges through his lawyer. Ms {P:Park} did not comment.

The {O:Financial Services Commission} said it would tighten rules for exchanges. Its chairman, {P:Kim Joo-hyun}, told lawmakers on Monday that "the era of lax oversight is over".

President {P:Moon Jae-in} ordered a review of the country's defences after the attack. {O:Dunamu}, which operates {O:Upbit}, said it would repay customers in full.`,

  // 6 — Chinese names, espionage, Europe
  `German court jails engineer for spying for {L:China}

{L:MUNICH} — A court in {L:Munich} on Thursday sentenced a German engineer to three years and nine months in prison for passing secrets on drone technology to Chinese intelligence.

The {O:Higher Regional Court} found that {P:Thomas R.}, 51, had met an officer of the {O:Ministry of State Security} in {L:Shanghai} and {L:Hong Kong} several times between 2017 and 2020. Prosecutors said he was paid about 30,000 euros.

The officer, who called himself {P:Wang Lei}, posed as a researcher at {O:Tongji University}. The engineer worked for a subcontractor of {O:Airbus} in {L:Bavaria}.

{L:Germany}'s domestic intelligence agency, the {O:Federal Office for the Protection of the Constitution}, warned in June that Chinese services were increasingly targeting small firms. Its president, {P:Thomas Haldenwang}, said {L:Beijing} used "every possible channel".

The Chinese embassy in {L:Berlin} called the case "groundless hype".

Separately, {O:Huawei} said on Friday it would contest a ruling by the {O:European Commission}. {O:Huawei}'s founder, {P:Ren Zhengfei}, has denied that the company helps {L:Beijing} spy.`,

  // 7 — held out: Russian names, ransomware
  `Ransomware gang leader charged in absentia

{L:LONDON} — British and American authorities on Thursday charged a Russian national with running one of the world's most damaging ransomware operations.

The {O:National Crime Agency} said {P:Maksim Yakubets}, 36, led a group known as {O:Evil Corp} from {L:Moscow}. His associate {P:Igor Turashev} was also named. The {O:U.S. State Department} offered a reward of $5 million for information leading to their arrest.

{P:Yakubets} is accused of using the Dridex malware to steal more than $100 million from banks and businesses in 40 countries, including the {L:United Kingdom}, {L:Germany} and {L:Canada}.

"This is a landmark case," said {P:Lynne Owens}, director general of the {O:NCA}. Officials said {P:Yakubets} had worked for the {O:FSB}, {L:Russia}'s security service, since 2017.

Photographs released by the agency showed him driving a Lamborghini through {L:Moscow}. His father-in-law, {P:Eduard Benderskiy}, is a former officer of the service.

The {O:Kremlin} did not respond to a request for comment. In {L:Washington}, Attorney General {P:William Barr} said the charges sent "a clear message".`,

  // 8 — held out: Malaysian names, corruption / 1MDB
  `Former Malaysian leader faces new charges over state fund

{L:KUALA LUMPUR} -- Former prime minister {P:Najib Razak} was charged on Wednesday with 25 new counts of abuse of power and money laundering linked to the state fund {O:1Malaysia Development Berhad}.

Prosecutors allege that about 2.3 billion ringgit flowed into his personal accounts at {O:AmBank} between 2011 and 2014. {P:Najib}, who lost power in May, has pleaded not guilty to all charges.

The financier {P:Low Taek Jho}, known as {P:Jho Low}, remains at large. The {O:U.S. Department of Justice} says he helped divert more than $4.5 billion from the fund, some of it used to buy property in {L:Beverly Hills} and {L:New York} and to finance the film The Wolf of Wall Street.

Prime Minister {P:Mahathir Mohamad} said {L:Malaysia} would seek the return of the money. Finance Minister {P:Lim Guan Eng} told parliament that the government would sue {O:Goldman Sachs}, which arranged bond sales for the fund.

Tan Sri {P:Muhyiddin Yassin}, the home minister, said police had frozen 408 bank accounts. {P:Najib}'s wife, {P:Rosmah Mansor}, was questioned by the {O:Malaysian Anti-Corruption Commission} in {L:Putrajaya} for six hours.`,

  // 9 — held out: mixed, election interference
  `Officials warn of foreign interference ahead of elections

{L:BRUSSELS} - {O:European Union} officials said on Monday that they had detected coordinated disinformation campaigns aimed at voters in {L:France}, {L:Hungary} and the {L:Czech Republic} ahead of May's elections.

The {O:East StratCom Task Force}, part of the {O:European External Action Service}, said many of the accounts it tracked had links to the {O:Internet Research Agency} in {L:St Petersburg}. The agency was set up by {P:Yevgeny Prigozhin}, a businessman close to President {P:Vladimir Putin}.

Commissioner {P:Věra Jourová} said social media companies, including {O:Facebook}, {O:Google} and {O:Twitter}, must do more. {O:Facebook} said it had removed 500 pages run from {L:Russia} and {L:Iran}.

In {L:Paris}, President {P:Emmanuel Macron} called for an agency to protect democracies. {P:Marine Le Pen} said the proposal was an attack on free speech.

Researchers at the {O:Oxford Internet Institute} found that junk news was shared more widely in {L:Germany} than in {L:Sweden}. "It is not only a Russian problem," said {P:Philip Howard}, its director. "Domestic actors copy the same methods."`,

  // 10 — batch 2 (written after the first tuning round; first scored blind): Vietnamese, Indian
  `Vietnamese police bust online gambling ring run from {L:Cambodia}

{L:HANOI} — Police in {L:Vietnam} have arrested 23 people accused of running an online gambling network that took in more than $400 million, the {O:Ministry of Public Security} said on Saturday.

The alleged ringleader, {P:Nguyen Van Thanh}, 41, was detained in {L:Ho Chi Minh City} after returning from {L:Sihanoukville}, where the group operated from rented casino floors. His deputy, {P:Tran Thi Mai}, and an accountant identified as {P:Le Hoang Nam} were arrested in {L:Da Nang}.

Investigators said the group laundered its profits through {O:Saigon Commercial Bank} and dozens of shell companies registered in {L:Singapore}. "This was an industrial operation," Major General {P:To An Xo}, a ministry spokesman, told a news conference.

The case follows a crackdown in {L:India}, where the {O:Enforcement Directorate} last month froze accounts linked to betting apps promoted by {P:Ravi Uppal} and {P:Sourabh Chandrakar}. Both men are believed to be in the {L:United Arab Emirates}.

{O:Interpol} has issued red notices for four suspects. A lawyer for {P:Thanh} declined to comment.`,

  // 11 — batch 2: Turkish, Greek, Nigerian
  `Turkish court convicts 12 in shipping insurance fraud

{L:ISTANBUL} ({O:AP}) — A court in {L:Istanbul} on Monday convicted 12 people, including a former executive of {O:Anadolu Sigorta}, of staging the sinking of three cargo ships to claim insurance.

Prosecutors said {P:Mehmet Yildirim}, the scheme's organiser, bribed crew members to scuttle the vessels off {L:Crete} and {L:Cyprus} between 2019 and 2021. The ships' Greek owner, {P:Nikos Papadopoulos}, was tried separately in {L:Piraeus} and acquitted last year.

Underwriters at {O:Lloyd's of London} first raised the alarm after noticing that all three ships had been insured weeks before they sank. "The pattern was impossible to ignore," said {P:Sarah Whitfield}, a claims investigator at the {O:International Underwriting Association}.

Part of the proceeds was wired to accounts in {L:Lagos} controlled by {P:Chukwuemeka Okafor}, a Nigerian businessman, according to the indictment. {L:Nigeria}'s {O:Economic and Financial Crimes Commission} said it had opened its own inquiry.

{P:Yildirim} was sentenced to 14 years. His lawyer, {P:Ayse Demir}, said he would appeal.`,

  // 12 — batch 2: Iranian, Israeli, American; cyber
  `Hackers target Israeli water systems, officials say

{L:TEL AVIV} — {L:Israel}'s {O:National Cyber Directorate} said on Wednesday that hackers had tried to alter chlorine levels at two water treatment plants in the north of the country.

The attacks were attributed by private researchers to a group calling itself {O:CyberAv3ngers}, which {L:U.S.} officials have linked to the {O:Islamic Revolutionary Guard Corps}. Earlier this year the group defaced control panels made by {O:Unitronics}, an Israeli company, at a water authority in {L:Pennsylvania}.

"They are probing, not yet breaking," said {P:Gaby Portnoy}, the directorate's head. {P:Portnoy} said the plants had switched to manual operation within minutes.

In {L:Tehran}, foreign ministry spokesman {P:Nasser Kanaani} dismissed the allegations. The {O:Treasury Department} in {L:Washington} has sanctioned six officials of the Guards' cyber command, including {P:Hamid Reza Lashgarian}.

The {O:Cybersecurity and Infrastructure Security Agency} urged utilities to change default passwords. Its director, {P:Jen Easterly}, said small utilities in {L:Texas} and {L:Florida} were especially exposed.`,

  // 13 — batch 2: Brazilian, Filipino, Japanese; crypto fraud
  `Regulators across {L:Asia} move against crypto lending platform

{L:MANILA} - The {O:Securities and Exchange Commission of the Philippines} on Thursday ordered the shutdown of {O:NovaYield}, a crypto lending platform that promised returns of 3 percent a week.

{O:NovaYield} was founded by {P:Rafael Oliveira}, a Brazilian entrepreneur, and {P:Maria Clara Santos}, who ran its marketing from {L:Makati}. Regulators said it had taken deposits from at least 40,000 people in the {L:Philippines}, {L:Japan} and {L:Brazil}.

In {L:Tokyo}, the {O:Financial Services Agency} warned investors on Friday. An official, {P:Kenji Watanabe}, said the platform was not registered in {L:Japan}.

{O:Binance} said it had frozen wallets linked to the firm. A spokesman for {O:Banco do Brasil} said the bank was reviewing transfers.

According to court filings in {L:São Paulo}, {P:Oliveira} moved at least $12 million to accounts in {L:Dubai} in March. Neither he nor {P:Santos} could be reached. The platform's website was still online on Sunday.`,

  // 14 — batch 2: Ukrainian, Russian, EU; sanctions
  `{O:EU} adds Russian arms suppliers to sanctions list

{L:BRUSSELS} — The {O:European Union} on Friday added 27 companies and 14 people to its sanctions list, accusing them of supplying drone parts to {L:Russia} through intermediaries in {L:Kazakhstan}, {L:Armenia} and {L:Hong Kong}.

Among those listed are {L:Alabuga Special Economic Zone}, which assembles Iranian-designed drones in {L:Tatarstan}, and its director, {P:Timur Shagivaleev}. Also listed was {P:Artem Mikhailovich Uss}, a businessman who escaped house arrest in {L:Italy} last year.

{P:Uss} is the son of {P:Alexander Uss}, a former governor of the {L:Krasnoyarsk} region. Italian prosecutors said he fled to {L:Serbia} and then to {L:Moscow}.

High Representative {P:Josep Borrell} said the measures were meant to "cut the supply lines of the war". In {L:Kyiv}, President {P:Volodymyr Zelensky} welcomed the decision but called for sanctions on {O:Rosatom}.

The {O:Kremlin} said the sanctions were illegal. {O:Gazprombank} shares fell 2 percent in {L:Moscow} trading.`,

  // 15 — batch 2: UK fraud trial, European names
  `Banker jailed for helping launder millions through {L:London} property

{L:LONDON} — A former private banker at {O:Coutts} was jailed for seven years on Tuesday for helping a criminal network launder £40 million through luxury homes in {L:Kensington} and {L:Chelsea}.

{P:Oliver Hartley}, 47, opened accounts for shell companies in the {L:British Virgin Islands} and {L:Panama} without asking where the money came from, {O:Southwark Crown Court} heard. The network was run by {P:Giorgos Andreou}, a Cypriot national, and {P:Hans-Peter Vogel} of {L:Zurich}.

Judge {P:Deborah Taylor} said {P:Hartley} had "closed his eyes to the obvious". The {O:National Crime Agency} said the case was its largest property-laundering investigation.

Transparency campaigners at {O:Transparency International UK} said the case showed why the new register of overseas entities mattered. "{L:London} must stop being a laundromat," said its director, {P:Daniel Bruce}.

{P:Vogel} remains at large. {P:Andreou} is awaiting extradition from {L:Larnaca}.`,
  // 16 — batch 3 (e-mail and report styles; first scored blind): an internal e-mail
  `From: {P:Priya Raman} <priya.raman@example.org>
To: Fraud Operations <fraud-ops@example.org>
Subject: RE: Mule accounts - urgent review

Hi {P:Tom},

Following our call this morning, please find below the accounts we flagged. Three were opened at our {L:Leeds} branch last month by customers who gave the same address in {L:Bradford}.

The payments came from {O:Northwind Logistics Ltd} and were forwarded within hours to {O:Revolut} and {O:Wise} accounts in {L:Lithuania}. {P:Marcus Bell} from {O:Action Fraud} has asked for the statements by Friday.

Can you also check whether {P:Daniel Okonkwo} is the same person who appeared in the {O:Santander} referral in June? His passport was issued in {L:Abuja}.

Thanks,
{P:Priya}

{P:Priya Raman} | Financial Crime Analyst
{O:Harbourline Bank plc}, 20 {L:Queen Street}, {L:Manchester}`,

  // 17 — batch 3: a threat report section
  `Executive Summary

In Q3, our team observed a phishing campaign targeting defence contractors in {L:South Korea} and {L:Japan}. We attribute the activity with moderate confidence to {O:Kimsuky}, a group linked to {L:North Korea}'s {O:Reconnaissance General Bureau}.

Initial Access

The lure documents impersonated the {O:Korea Institute for Defense Analyses} and a researcher at {O:Seoul National University}. Once opened, a macro dropped a PowerShell script that downloaded a second stage from a server hosted in {L:Singapore}.

Tooling

The second stage is a variant of BabyShark. It collected browser credentials from Chrome and Microsoft Edge and sent them to a command and control server. Analysts at {O:Mandiant} and {O:AhnLab} have reported similar samples.

Recommendations

Block macros in Microsoft Office documents from the Internet. Report suspicious e-mails to {O:KISA} or to the {O:National Intelligence Service}.`,

  // 18 — batch 3: a court memo
  `MEMORANDUM

Re: {L:United States} v. {P:Ilya Lichtenstein} and {P:Heather Morgan}

On February 8, agents of the {O:Internal Revenue Service} and the {O:FBI} arrested {P:Lichtenstein} and his wife, {P:Morgan}, at their apartment in {L:New York}. The government alleges that they conspired to launder bitcoin stolen in the 2016 hack of {O:Bitfinex}, an exchange then based in {L:Hong Kong}.

Judge {P:Colleen Kollar-Kotelly} of the {O:U.S. District Court for the District of Columbia} accepted their guilty pleas in August. The plea agreement notes that funds moved through {O:AlphaBay}, a darknet market, and through accounts at exchanges in {L:Ukraine} and {L:Slovakia}.

Deputy Attorney General {P:Lisa Monaco} said the case showed that "cryptocurrency is not a safe haven for criminals". Defence counsel {P:Samson Enzer} said his clients accepted responsibility.`,
];

/** Strips the inline labels: returns the plain text and the labelled spans (UTF-16 offsets). */
export function parseLabelled(marked) {
  const types = { P: 'Person', O: 'Organization', L: 'Location' };
  const gold = [];
  let text = '';
  let last = 0;
  for (const match of marked.matchAll(/\{([POL]):([^{}]+)\}/g)) {
    text += marked.slice(last, match.index);
    gold.push({ type: types[match[1]], start: text.length, end: text.length + match[2].length });
    text += match[2];
    last = match.index + match[0].length;
  }
  text += marked.slice(last);
  return { text, gold };
}
