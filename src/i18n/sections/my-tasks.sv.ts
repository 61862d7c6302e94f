// "Mina uppgifter": det en person ska göra i sina samverkansgrupper (rapporter, röstning, förslag,
// hemuppgifter, utvärdering, uppföljning), i den privata chatten med boten.
export const myTasksSv = {
  title: 'Mina uppgifter',
  welcome:
    'Hej {name}! Här i vår privata chatt får du det som bara gäller dig: dina rapporter, röstsedlar, förslag och svar. Det gruppen ska se visas i gruppens kanal. Skriv "mina uppgifter" när du vill se vad som väntar, eller "hjälp" för allt jag kan.',
  intro: 'Det här väntar på dig i dina samverkansgrupper.',
  introHere: 'Det här väntar på dig i {groupName}. I vår privata chatt ser du alla dina grupper.',
  none: 'Du har inget som väntar just nu.',
  items: {
    progressReport: 'Lägesrapport för uppdraget "{title}", senast {due}.',
    finalReport: 'Slutrapport för uppdraget "{title}", som slutar {end}.',
    ballot: '{deadline, select, none {Rösta på utvecklingsområdena i den lokala analysen {year}.} other {Rösta på utvecklingsområdena i den lokala analysen {year}, senast {deadline}.}}',
    proposal: 'Lämna förslag till utvecklingsområden i den lokala analysen {year}, senast {deadline}.',
    homework: 'Svara på hemuppgiften "{title}", senast {deadline}.',
    evaluation: 'Besvara utvärderingen för {year}.',
    followUp: '{months, plural, one {Uppföljning av hur "{title}" används, # månad efter avslut.} other {Uppföljning av hur "{title}" används, # månader efter avslut.}}',
  },
  more: '{count, plural, one {…och # uppgift till. Skriv "mina uppgifter" i gruppens kanal för att se alla där.} other {…och # uppgifter till. Skriv "mina uppgifter" i gruppens kanal för att se alla där.}}',
};
