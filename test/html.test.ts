import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  titleWithoutOutlet,
  titleParts,
  outletOf,
  MIN_ARTICLE_CHARS,
  NotAnArticleError,
  dropFurniture,
  isoDay,
  markSavedFrom,
  paragraphsOf,
  readHtml,
  savedFromUrl,
} from '../src/corpus/html.ts';
import { buildArticle } from '../src/corpus/articles.ts';
import { FURNITURE, fixtures } from './html-fixtures.ts';
import { ROOT } from './helpers.ts';
import { texText } from '../src/text/tex.ts';

const pages = fixtures();
const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

describe('readHtml on six real news pages (Readability on linkedom)', () => {
  it('has the fixtures', () => expect(pages.length).toBe(6));

  for (const page of pages) {
    describe(page.name, () => {
      const article = readHtml(page.html);

      it('title and outlet are what Readability expects', () => {
        expect(article.title).toBe(page.expected.title === null ? null : squash(page.expected.title));
        expect(article.outlet).toBe(page.expected.siteName);
      });

      it('the date is the expected publication day; where Readability finds none, only a date the page states', () => {
        if (page.expected.publishedTime) expect(article.date).toBe(page.expected.publishedTime.slice(0, 10));
        else if (article.date) {
          // In its markup, or written out under the headline ("March 13, 2015").
          const written = new Date(`${article.date}T00:00:00Z`).toLocaleDateString('en-US', {
            month: 'long',
            day: 'numeric',
            year: 'numeric',
            timeZone: 'UTC',
          });
          const markup = new RegExp(`(datePublished|published_time|pubdate)["']?[^>]{0,80}["']${article.date}`, 'i');
          expect(markup.test(page.html) || page.html.includes(`>${written}<`)).toBe(true);
        }
      });

      it('the URL is the page canonical link', () => {
        const canonical = parseHTML(page.html).document.querySelector('link[rel="canonical"]')?.getAttribute('href');
        expect(article.url).toBe(canonical);
      });

      it('paragraphs are the page’s exact words (entities decoded), with no page furniture', () => {
        expect(article.paragraphs.length).toBeGreaterThan(8);
        const pageText = squash(parseHTML(page.html).document.body.textContent ?? '');
        for (const p of article.paragraphs) {
          expect(p).toBe(squash(p));
          expect(p).not.toMatch(/&(amp|quot|#\d+|nbsp);/);
          expect(pageText).toContain(p);
          for (const pattern of FURNITURE) expect(p, `${pattern} in “${p}”`).not.toMatch(pattern);
        }
        // The opening paragraph of each story is kept (a sample of the real text).
        expect(article.paragraphs.join(' ').length).toBeGreaterThan(3000);
      });
    });
  }

  it('no paragraph is printed twice', () => {
    for (const page of pages) {
      const { paragraphs } = readHtml(page.html);
      expect(new Set(paragraphs.map((p) => p.toLowerCase())).size).toBe(paragraphs.length);
    }
  });

  it('as a file in the articles folder, the sidecar still overrides the page', () => {
    const page = pages[0]!;
    const fromPage = buildArticle('neon.html', page.html).article!;
    expect(fromPage).toMatchObject({ title: readHtml(page.html).title, outlet: 'CityLab' });
    const overridden = buildArticle('neon.html', page.html, {
      title: 'Neon',
      outlet: 'The Atlantic',
      date: '2019-04-29',
      url: 'https://example.org/neon',
    }).article!;
    expect(overridden).toMatchObject({
      title: 'Neon',
      outlet: 'The Atlantic',
      date: '2019-04-29',
      url: 'https://example.org/neon',
    });
    expect(overridden.text).toBe(fromPage.paragraphs.join('\n\n'));
  });
});

const STORY = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the valley's elders met on Tuesday to discuss the harvest, the roads and the new school, and agreed to meet again next month.</p>`,
).join('\n');

describe('readHtml: what the page does not give stays empty, and non-articles are refused', () => {
  it('never invents metadata: a bare page has no outlet, author, date or URL', () => {
    const article = readHtml(
      `<!doctype html><html><head><title>Elders meet</title></head><body><article><h1>Elders meet</h1>${STORY}</article></body></html>`,
    );
    expect(article).toMatchObject({ title: 'Elders meet', outlet: null, author: null, date: null, url: null });
    expect(article.paragraphs).toHaveLength(8);
  });

  it('reads JSON-LD publisher and datePublished, og:site_name, <time datetime> in the article, a relative canonical link', () => {
    const html = `<!doctype html><html><head><title>Elders meet</title><link rel="canonical" href="/2021/elders">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Elders meet","datePublished":"2021-08-24T09:00:00+04:30","publisher":{"@type":"Organization","name":"Valley Times"}}</script>
      </head><body><article>${STORY}</article></body></html>`;
    expect(readHtml(html, 'https://valley.example/x?y=1')).toMatchObject({
      outlet: 'Valley Times',
      date: '2021-08-24',
      url: 'https://valley.example/2021/elders',
    });
    // A link a page's script wrote a missing value into (Yahoo's "…/undefined") gives way to og:url.
    const broken = html.replace(
      '<link rel="canonical" href="/2021/elders">',
      '<link rel="canonical" href="/news/m/1c621104/undefined"><meta property="og:url" content="https://valley.example/2021/elders">',
    );
    expect(readHtml(broken, 'https://valley.example/x?y=1').url).toBe('https://valley.example/2021/elders');
    const timed = `<!doctype html><html><head><title>Elders meet</title><meta property="og:site_name" content="Valley Times"></head><body><article><p><time datetime="2020-02-29T10:00">Feb 29</time></p>${STORY}</article></body></html>`;
    expect(readHtml(timed)).toMatchObject({ outlet: 'Valley Times', date: '2020-02-29', url: null });
    // A date written out, as cleveland.com's meta tag gives it (newspaper4k's tests/data/html/cleveland.com1.html).
    const written = `<!doctype html><html><head><title>Elders meet</title><meta name="article_date_original" content="Saturday, December 27, 2014, 12:06 PM" /></head><body><article>${STORY}</article></body></html>`;
    expect(readHtml(written).date).toBe('2014-12-27');
    // hAtom's published date, as Blogger writes it under a post (the Python Insider blog, 23 Dec 2016).
    const blogger = `<!doctype html><html><head><title>Elders meet</title></head><body><div class="post hentry"><article>${STORY}</article><div class="post-footer">Posted by <span class="fn">Ned Deily</span> at <abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr></div></div></body></html>`;
    expect(readHtml(blogger).date).toBe('2016-12-23');
    // The first that gives a date: a widget's written-out one before it gives none.
    const widget = blogger.replace(
      '<div class="post hentry">',
      '<abbr class="published" title="Monday, January 2, 2012">Jan 2</abbr><div class="post hentry">',
    );
    expect(readHtml(widget).date).toBe('2016-12-23');
  });

  it('reads a date written as its own line in the byline under the headline (Sott.net), not one further down', () => {
    // The byline block of a Sott.net page (newspaper4k's tests/data/html/article_with_br.html).
    const byline = (date: string) =>
      `<!doctype html><html><head><title>Elders meet</title></head><body><div class="article-header"><h1><a href="/x">Elders meet</a></h1><div class="article-info"><div class="m-bar">Max Blumenthal<br /><a href="/g">The Grayzone</a><br />${date}</div></div></div><article>${STORY}</article></body></html>`;
    expect(readHtml(byline('Thu, 14 May 2020 17:55 UTC')).date).toBe('2020-05-14');
    // A byline and its date on one line, as Dropbox's tech blog writes it (Readability's test page dropbox-blog).
    expect(readHtml(byline('// By Arun Sai Krishnan • Nov 11, 2020')).date).toBe('2020-11-11');
    expect(readHtml(byline('By Jane Doe | 3 March 2021')).date).toBe('2021-03-03');
    // A date inside a sentence is no dateline.
    expect(readHtml(byline('Reported on 14 May 2020 from Kabul by our team')).date).toBeNull();
    // Not the date labelled as an update: "Updated: Mar 6, 2018 · Original: Dec 21, 2016" (Opposing Views, in the
    // Postlight parser's test pages), in the byline or as the story's first <time>s.
    const updated = (label: string) =>
      `<span>${label}:</span> <time datetime="2018-03-06T19:49:32-05:00">Mar 6, 2018</time> <span>Original:</span> <time datetime="2016-12-21T18:49:10-05:00">Dec 21, 2016</time>`;
    expect(readHtml(byline(updated('Updated'))).date).toBe('2016-12-21');
    const inStory = `<!doctype html><html><head><title>Elders meet</title></head><body><article><p>${updated('Last updated')}</p>${STORY}</article></body></html>`;
    expect(readHtml(inStory).date).toBe('2016-12-21');
    const wrapped = inStory
      .replace('<p><span>Last updated:</span> <time', '<p><span class="when"><time')
      .replace('</time> <span>Original', '</time></span> <span>Original');
    expect(readHtml(wrapped.replace('class="when"', 'class="header-updated-date"')).date).toBe('2016-12-21');
    // Past the byline, dates belong to the story or to other stories.
    const later = `<!doctype html><html><head><title>Elders meet</title></head><body><h1>Elders meet</h1><article>${STORY}<p>14 May 2020</p></article></body></html>`;
    expect(readHtml(later).date).toBeNull();
  });

  it("reads the byline's own <time datetime> under the headline, outside the article's text (MacRumors)", () => {
    const html = `<!doctype html><html><head><title>Pencil rumored</title></head><body><h1>Pencil rumored</h1><div class="byline"><time datetime="2017-01-18T11:44:11-08:00">Wednesday January 18, 2017 11:44 am PST</time> by Joe Rossignol</div><article>${STORY}</article></body></html>`;
    expect(readHtml(html).date).toBe('2017-01-18');
    const updated = html.replace('<time ', 'Updated: <time ');
    expect(readHtml(updated).date).toBeNull();
  });

  it("reads meta tags that write their value as value= (the Postlight parser's saved pages: a new user's trial)", () => {
    const head = `<meta value="The Verge" name="og:site_name"><meta value="2016-11-29T10:00:19-05:00" name="article:published_time">`;
    const html = `<!doctype html><html><head><title>Elders meet</title>${head}</head><body><article>${STORY}</article></body></html>`;
    expect(readHtml(html)).toMatchObject({ outlet: 'The Verge', date: '2016-11-29' });
  });

  it('a saved page remembers where it came from ("saved from url" comment); the canonical link wins', () => {
    const html = `<!doctype html><html><head><title>Elders meet</title></head><body><article>${STORY}</article></body></html>`;
    const saved = markSavedFrom(html, 'https://valley.example/elders');
    expect(savedFromUrl(saved)).toBe('https://valley.example/elders');
    expect(markSavedFrom(saved, 'https://other.example/')).toBe(saved);
    expect(readHtml(saved).url).toBe('https://valley.example/elders');
  });

  it('refuses a login wall, an index page, a tiny page, a non-HTML input and a huge page, each with its own message', () => {
    const refuse = (html: string) => {
      try {
        readHtml(html);
      } catch (error) {
        expect(error).toBeInstanceOf(NotAnArticleError);
        return error as NotAnArticleError;
      }
      throw new Error('accepted');
    };
    const login = refuse(
      `<!doctype html><html><head><title>Sign in</title></head><body><form><h1>Sign in to keep reading</h1><p>Subscribers get unlimited access.</p><label>Email <input name=email></label><label>Password <input type=password></label><button>Sign in</button></form></body></html>`,
    );
    expect(login.message).toMatch(/no article/);
    const links = Array.from(
      { length: 40 },
      (_, i) => `<li><a href="/story/${i}">Headline number ${i} about the valley and its elders</a></li>`,
    ).join('');
    const index = refuse(
      `<!doctype html><html><head><title>News</title></head><body><nav><ul>${links}</ul></nav><main><ul>${links}</ul></main></body></html>`,
    );
    expect(index.message).toMatch(/no article/);
    expect(
      refuse(`<!doctype html><html><body><article><p>Just one short line of text.</p></article></body></html>`).message,
    ).toMatch(/no article/);
    expect(refuse('{"title": "not a page"}').kind).toBe('not-html');
    expect(refuse('\u0000\u0001PNG garbage').kind).toBe('not-html');
    expect(refuse(`<html><body>${'<p>x</p>'.repeat(700_000)}</body></html>`).kind).toBe('too-large');
    expect(MIN_ARTICLE_CHARS).toBeGreaterThan(100);
  });

  it('reads the story from JSON-LD articleBody when a script draws it and the page holds only a summary (SCMP)', () => {
    // As the South China Morning Post serves its opinion pages: headline, standfirst and author bio in the HTML,
    // the text only in the JSON-LD (trafilatura 1.0.0's tests/cache/scmp.com.playbook.html, shortened).
    const body = Array.from(
      { length: 12 },
      (_, i) => `Sentence ${i + 1} of the column says what Tsai Ing-wen's re-election means for Hong Kong's leader.`,
    ).join(' ');
    const ld = JSON.stringify({
      '@context': 'http://schema.org',
      '@type': 'OpinionNewsArticle',
      headline: 'Tsai’s political playbook',
      datePublished: '2020-01-20T01:00:00+08:00',
      articleBody: body,
    });
    const html = `<!doctype html><html><head><title>Tsai’s political playbook | South China Morning Post</title><meta property="og:site_name" content="South China Morning Post"><script type="application/ld+json">${ld}</script></head><body><h1>Tsai’s political playbook</h1><p>Alice Wu says Carrie Lam should read it.</p><div id="app"></div></body></html>`;
    const article = readHtml(html);
    expect(article).toMatchObject({ outlet: 'South China Morning Post', date: '2020-01-20' });
    expect(article.paragraphs.join(' ')).toBe(body);
    // Without it, the same page is refused as before.
    expect(() => readHtml(html.replace(/<script[^]*?<\/script>/, ''))).toThrow(NotAnArticleError);
    // An articleBody written as HTML is read as HTML: paragraphs, entities decoded, no tags quoted.
    const marked = html.replace(
      JSON.stringify(body).slice(1, -1),
      `<p>${body.slice(0, 400).replace("Tsai Ing-wen's", 'Tsai Ing-wen&#8217;s')}</p><p>${body.slice(400)}</p>`,
    );
    const paragraphs = readHtml(marked).paragraphs;
    expect(paragraphs.length).toBe(2);
    expect(paragraphs.join(' ')).not.toMatch(/<p>|&#8217;/);
    expect(paragraphs[0]).toContain('Tsai Ing-wen’s');
    // A page whose own text is furniture but for a line is read from the articleBody too.
    const furnished = html.replace(
      '<div id="app"></div>',
      '<p>Sign in or register to keep reading our journalism today.</p>'.repeat(12),
    );
    expect(readHtml(furnished).paragraphs.join(' ')).toBe(body);
  });

  it('broken HTML: unclosed tags and a truncated page still give the story’s paragraphs when there is one', () => {
    const broken = `<html><head><title>Elders meet</title><body><div><span></div></b><article>${STORY.replace(/<\/p>/g, '')}</section><p>And then the page ends mid-sen`;
    const article = readHtml(broken);
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(8);
    expect(article.paragraphs[0]).toMatch(/^Paragraph 1: the valley's elders met on Tuesday/);
  });

  it('paragraphs: one per block; captions, credits and republication notes dropped; bios kept', () => {
    const body = `<article>
      <figure><img src="a.jpg"><figcaption>Elders at the meeting. Photo: Jane Doe/Valley Times</figcaption></figure>
      <p><em>This article originally appeared on The Valley Review.</em></p>
      ${STORY}
      <blockquote><p>“We will rebuild the school,” one elder said to the gathered villagers on Tuesday afternoon.</p></blockquote>
      <ul><li>The roads will be repaired before the winter snow closes the pass again this year.</li></ul>
      <h4>About the Author</h4><p>Jane Doe</p><p>Jane Doe writes about the valley for the Review.</p></article>`;
    const { paragraphs } = readHtml(
      `<!doctype html><html><head><title>Elders meet</title></head><body>${body}</body></html>`,
    );
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs.at(-1)).toBe('Jane Doe writes about the valley for the Review.'); // a bio is kept: it says who she is
    expect(paragraphs[8]).toBe(
      '“We will rebuild the school,” one elder said to the gathered villagers on Tuesday afternoon.',
    );
    expect(paragraphs.join('\n')).not.toMatch(/Photo:|originally appeared|About the Author/);
  });

  it('a list written with <br> lines is one paragraph an item (Minecraft’s changelog); two-word items and verse stay one; no permalink marks', () => {
    const paragraphsIn = (inner: string) =>
      paragraphsOf(parseHTML(`<!doctype html><html><body>${inner}</body></html>`).document.body as never);
    // Readability's test page "tumblr" (Minecraft Update News) and "cnn" (Stanford's rankings).
    const changelog =
      '<p>+ Added Granite, Andesite, and Diorite stone blocks, with smooth versions<br />+ Added Slime Block<br />+ Added Iron Trapdoor<br />+ Added Prismarine and Sea Lantern blocks</p>';
    expect(paragraphsIn(changelog)).toEqual([
      '+ Added Granite, Andesite, and Diorite stone blocks, with smooth versions',
      '+ Added Slime Block',
      '+ Added Iron Trapdoor',
      '+ Added Prismarine and Sea Lantern blocks',
    ]);
    const rankings =
      '<p>The overall rankings of the countries were as follows:<span> <br />1. Finland <span> <br />2. Norway<span> <br />3. Australia</span></span></span></p>';
    expect(paragraphsIn(rankings)).toEqual([
      'The overall rankings of the countries were as follows: 1. Finland 2. Norway 3. Australia',
    ]);
    // A heading's link to itself is no text of it (V8's blog, Mercurial's docs).
    expect(
      paragraphsIn(
        '<h2 id="using-standalone-mode-in-emscripten">Using standalone mode in Emscripten <a href="#using-standalone-mode-in-emscripten" class="bookmark">#</a></h2><h3 id="x">Sharing with a single developer<a class="headerlink" href="#x" title="Permalink to this headline">¶</a></h3><p>See <a href="#notes">the notes</a>.</p>',
      ),
    ).toEqual(['Using standalone mode in Emscripten', 'Sharing with a single developer', 'See the notes.']);
    expect(paragraphsIn('<p>The valley was quiet,<br />the river low,<br />the road closed.</p>')).toEqual([
      'The valley was quiet, the river low, the road closed.',
    ]);
  });

  it('furniture rules keep real sentences that merely mention a subscription or a photo', () => {
    const kept = [
      'The council voted to cancel the newspaper subscription that the school had paid for since 1998, saying the money was needed for the new roof, the heating and the teachers.',
      'Officials said the photo, taken on Tuesday, showed the bridge before it collapsed into the river.',
      'He said he would be here.',
    ];
    expect(dropFurniture(kept)).toEqual(kept);
  });

  it('isoDay keeps the day the page writes (no time-zone shift) and rejects impossible dates', () => {
    expect(isoDay('2019-04-30T23:39:00-04:00')).toBe('2019-04-30');
    expect(isoDay('2017-11-03 03:01:00.000000')).toBe('2017-11-03');
    expect(isoDay('2021-02-30')).toBeNull();
    expect(isoDay('yesterday')).toBeNull();
  });
});

describe('readHtml: a paragraph as the page prints it', () => {
  it('joins a drop cap set apart from its word, and drops a date printed as its own line (The New York Times)', () => {
    const page = `<!doctype html><html><head><title>Elders meet</title></head><body><article><h1>Elders meet</h1><p>Sept. 19, 2016</p><p><span class="g-drop">T</span> <span class="g-upper">he elders</span> met on Tuesday to discuss the harvest, the roads and the new school, and agreed to meet again.</p><p>A new school opens in May.</p>${STORY}</article></body></html>`;
    const article = readHtml(page);
    expect(article.paragraphs.slice(0, 2)).toEqual([
      'The elders met on Tuesday to discuss the harvest, the roads and the new school, and agreed to meet again.',
      'A new school opens in May.',
    ]);
    expect(article.date).toBe('2016-09-19');
  });
});

describe('dropFurniture: general rules, checked on paragraphs like those seen on real pages', () => {
  const prose = (n: number) =>
    `Paragraph ${n}: the council met on Tuesday and agreed, after a long debate about the roads, the school and the bridge over the river, to raise the budget for repairs by a tenth next year.`;

  it('drops prompts, credits, datelines, link labels and credit lines', () => {
    const furniture = [
      'Continue reading the main story',
      'Related: Chicago is America’s most segregated city',
      'Learn More: Seven Tips for Repurposing Video Content',
      '[Read: Why the valley voted as it did]',
      '[Valley museum houses amazing Roman treasures]',
      'Map: Flow of fighters across the border',
      'CNNMoney (New York) First published February 1, 2016: 1:28 AM ET',
      'Last updated September 14, 2016',
      'Tuesday 15 October 2019 by Jane M. Doe',
      'Portrait by George Del Barrio',
      'Photos by Jane Doe (Shutterstock), John Roe',
      'In this photo dated Tuesday, Nov. 29, 2016 the rocket is installed on a launch pad.',
      'Heba Habib contributed to this report.',
      // A reader prompt (People, a new user's trial).
      'What do you think of Aniston’s minor wardrobe snafu? Has this ever happened to you? Sound off below!',
    ];
    const bio = 'Steven Mufson covers the White House. Since joining The Post, he has covered economics.';
    const input = [prose(1), ...furniture.slice(0, 7), prose(2), ...furniture.slice(7), prose(3), bio];
    expect(dropFurniture(input)).toEqual([prose(1), prose(2), prose(3), bio]); // a bio says who someone is: kept
  });

  it('keeps headings, quotes in brackets, and sentences that merely start like furniture', () => {
    const kept = [
      prose(1),
      'More than 100 people died in the floods, officials said on Monday.',
      'Related to each other: for example, a caching server and a web server.',
      '[Alden: Stop it, Lexi. I don’t have beer breath.]',
      'The Birth of Chaos',
      'Jane Doe is a farmer who has lived in the valley all her life, and she says the river has never been this high.',
      'LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR',
      // A sentence that ends with the agency it was told to is text, not a photo credit (telegraph test page).
      'The priest, Fidelis Mukonori, is acting as a middle-man between Mr Mugabe and the generals, a senior political source told Reuters.',
      prose(2),
    ];
    expect(dropFurniture(kept)).toEqual(kept);
    expect(dropFurniture([prose(1), 'Supporters gather outside the court in Harare. Reuters', prose(2)])).toEqual([
      prose(1),
      prose(2),
    ]);
  });

  it('keeps Chinese and Japanese paragraphs (no spaces between words)', () => {
    const zh = [
      '翱翔于距地球数千公里的太空中，进入广袤漆黑的未知领域，是一项艰苦卓绝的工作。',
      '不幸的是，对于希望能喝上一杯的太空探险者，那些政府机构普遍禁止他们染指含酒精饮料。',
    ];
    expect(dropFurniture(zh)).toEqual(zh);
  });
});

describe('titleWithoutOutlet', () => {
  it('drops the site name a page title ends with, after any separator, and nothing else', () => {
    const title =
      "'The American friends': New court files expose Sheldon Adelson's security team involved in US spy operation against Julian Assange";
    expect(titleWithoutOutlet(`${title} -- Sott.net`, 'Sott.net')).toBe(title);
    expect(titleWithoutOutlet('Obama admits US gun laws are his biggest frustration | BBC News', 'BBC News')).toBe(
      'Obama admits US gun laws are his biggest frustration',
    );
    expect(titleWithoutOutlet('Time', 'Time')).toBe('Time');
    expect(titleWithoutOutlet('Sott.net readers ask about Assange', 'Sott.net')).toBe(
      'Sott.net readers ask about Assange',
    );
    expect(titleWithoutOutlet(title, null)).toBe(title);
  });

  it('drops a date the title ends with, and gives it (DW: "… | DW | 19.01.2020")', () => {
    const dw = "Berlin confronts Germany's colonial past with new initiative";
    expect(titleParts(`${dw} | DW | 19.01.2020`, 'DW')).toEqual({ title: dw, date: '2020-01-19' });
    expect(titleParts(`${dw} | 19.01.2020`, null)).toEqual({ title: dw, date: '2020-01-19' });
    // A title that is only a date stays the title; a date inside the headline is the headline's.
    expect(titleParts('19.01.2020', 'DW')).toEqual({ title: '19.01.2020', date: null });
    expect(titleParts('What happened on 19.01.2020 | DW', 'DW')).toEqual({
      title: 'What happened on 19.01.2020',
      date: null,
    });
  });
});

describe('outletOf', () => {
  it('is the site name, else the name the page states (Nature: prism.publicationName)', () => {
    expect(outletOf('the Guardian', 'The Guardian', 'Thousands of UK academics')).toBe('the Guardian');
    expect(outletOf(null, 'Nature', 'Gigantic Chinese telescope opens to astronomers worldwide')).toBe('Nature');
    expect(outletOf(null, null, 'A title')).toBeNull();
  });

  it('prefers the name the title writes for a site named by its domain ("DW.COM" -> "DW")', () => {
    const title = "Berlin confronts Germany's colonial past with new initiative | DW | 19.01.2020";
    expect(outletOf('DW.COM', null, title)).toBe('DW');
    expect(outletOf('www.example.co.uk', null, 'Headline | Example')).toBe('Example');
    expect(outletOf('DW.COM', null, 'Berlin confronts its past')).toBe('DW.COM');
  });

  it('reads a site name written as an address as its host, and leaves out a byline tacked on', () => {
    // og:site_name as TMZ and SimplyFound write it (Readability's test pages tmz-1 and simplyfound-1).
    expect(outletOf('http://www.tmz.com', null, "Lupita Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!!")).toBe(
      'tmz.com',
    );
    expect(outletOf('SIMPLYFOUND.COM | BY: JOE WEE', null, 'Raspberry Pi 3 - The credit card sized PC')).toBe(
      'SIMPLYFOUND.COM',
    );
    expect(outletOf('Stand By Me Films', null, 'A title')).toBe('Stand By Me Films');
  });

  it('leaves out a tagline, and reads a site name as the title writes it (Postlight parser fixtures)', () => {
    expect(outletOf('Raw Story - Celebrating 18 Years of Independent Journalism', null, 'A title')).toBe('Raw Story');
    expect(outletOf(null, 'Yahoo News - Latest News & Headlines', 'Clinton Cancels Joint Events')).toBe('Yahoo News');
    // Which piece is the name is unclear: all is kept.
    expect(outletOf('電子書籍 | BOOK☆WALKER', null, 'A title')).toBe('電子書籍 | BOOK☆WALKER');
    const title = 'Air Force One Costs Billions of Dollars Because It’s a Flying White House - Bloomberg';
    expect(outletOf('Bloomberg.com', null, title)).toBe('Bloomberg');
    expect(outletOf('al', null, 'Two arrested in multi-state debit card skimming scheme - al.com')).toBe('al.com');
    expect(outletOf('al', null, 'Two arrested')).toBe('al');
  });
});

describe('readHtml: captions, picture boxes and galleries marked by class are no paragraphs', () => {
  // Paragraphs, a caption and a gallery slide as DW and National Geographic write them (trafilatura's test pages).
  const body = [
    "Berlin's relationship with its colonial history is being reconsidered, despite opposition from far-right politicians and some disgruntled locals unhappy at plans to rename streets.",
    'In January, the German capital is launching a new five-year project named "Postcolonial Remembrance in the City" to reframe its postcolonial past, coinciding with the anniversary of the Berlin Conference.',
    'The project, co-organized by the Berlin City Museum and three NGOs, will involve five years of events and exhibitions across the city, as well as an annual festival and a memorial.',
    "The renaming of three streets in Wedding — Petersallee, Nachtigalplatz, and Lüderitzstrasse — has been a major issue for the ISD and other organizations in the city's African Quarter.",
  ];
  const html = `<!doctype html><html><head><title>Berlin confronts Germany's colonial past</title></head><body><article>
    <h1>Berlin confronts Germany's colonial past</h1>
    <p>${body[0]}</p>
    <div class="picBox full"><img src="a.jpg"><p>Tahir Della helped organize Berlin's new initiative</p></div>
    <p>${body[1]}</p>
    <div class="ngart-img__cont__copy"><p>Goats on Redonda before they were airlifted to Antigua.</p></div>
    <p>${body[2]}</p>
    <div class="gallery col3"><div class="slideshow"><h3>A system of inequality</h3><p>The "white" population in the colonies was a small, highly privileged minority - rarely more than one percent of the population.</p><p>Author: Julia Hitz (eg)</p></div></div>
    <p>${body[3]}</p>
  </article></body></html>`;

  it('keeps the article’s paragraphs only', () => {
    expect(readHtml(html).paragraphs).toEqual(body);
  });

  it('keeps a list’s short items written as text (eHow’s tools), not a table of contents or tags of links', () => {
    // eHow's "What You'll Need" (Readability's test page ehow-1), a contents list and a tag list as pages write them.
    const tools =
      '<ul><li>Glass cloche</li><li>Floral foam oasis</li><li>Ruler</li><li>Spoon</li><li>Moss</li><li>Tweezers</li></ul>';
    const contents =
      '<ul><li><a href="#history">1 History</a></li><li><a href="#values">2 Values</a></li><li><a href="#pledge">2.1 Pledge</a></li></ul>';
    const tags =
      '<ul><li>More about:</li><li><a href="/t/hotels">Hotels</a></li><li><a href="/t/hygiene">Hygiene</a></li></ul>';
    const page = html.replace(`<p>${body[1]}</p>`, `<p>${body[1]}</p>${tools}${contents}${tags}`);
    const paragraphs = readHtml(page).paragraphs;
    expect(paragraphs).toEqual(
      expect.arrayContaining(['Glass cloche', 'Floral foam oasis', 'Ruler', 'Moss', 'Tweezers']),
    );
    expect(paragraphs.join('\n')).not.toMatch(/History|Pledge|More about|Hotels/);
    // The page says which paragraphs are list items: sentences without a full stop, not subheadings.
    const { listItems } = readHtml(page);
    expect(listItems.map((i) => paragraphs[i])).toEqual([
      'Glass cloche',
      'Floral foam oasis',
      'Ruler',
      'Spoon',
      'Moss',
      'Tweezers',
    ]);
  });

  it('drops the readers’ comments Readability takes in beside a post, not a code listing’s comments', () => {
    const page = fs.readFileSync(path.join(ROOT, 'test/fixtures/firefox-nightly-comments.html'), 'utf8');
    const paragraphs = readHtml(page).paragraphs;
    expect(paragraphs).toContain('Here’s our Firefox Year in Review!');
    expect(paragraphs.join('\n')).not.toMatch(/comments on “These Weeks|I have moved most of my work|collections/);
    const code = '<pre><code><span class="token comment">// add.c</span> #include &lt;emscripten.h&gt;</code></pre>';
    expect(readHtml(html.replace('</article>', `${code}</article>`)).paragraphs.join('\n')).toContain('// add.c');
  });

  it('reads a wiki page without its furniture, its formulas as text (MediaWiki: Wikipedia)', () => {
    const page = fs.readFileSync(path.join(ROOT, 'test/fixtures/wikipedia-hermitian.html'), 'utf8');
    const paragraphs = readHtml(page).paragraphs;
    const text = paragraphs.join('\n');
    // No "[edit]" links, footnote marks, maintenance notice, "see also" note or reference list.
    expect(text).not.toMatch(/\[edit\]|\[\d+\]|needs expansion|\^ Frankel|For other uses/);
    // Formulas are written out, not left as holes ("If the conjugate transpose of a matrix is denoted by , then").
    expect(paragraphs).toContain(
      'If the conjugate transpose of a matrix A is denoted by A^H, then the Hermitian property can be written concisely as',
    );
    expect(text).toContain('Hermitian matrices are named after Charles Hermite, who demonstrated in 1855');
    // Cited as the wiki (its title's last part), dated by the revision quoted rather than the page's creation.
    expect(readHtml(page)).toMatchObject({ title: 'Hermitian matrix', outlet: 'Wikipedia' });
    const ld =
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","name":"Hermitian matrix","publisher":{"@type":"Organization","name":"Wikimedia Foundation, Inc."},"datePublished":"2003-02-28T21:51:08Z","dateModified":"2020-02-24T20:33:46Z"}</script>';
    expect(readHtml(page.replace('</head>', `${ld}</head>`))).toMatchObject({
      outlet: 'Wikipedia',
      date: '2020-02-24',
    });
    // The same markup on a page no wiki made is left to the usual reading.
    const notWiki = page.replace(/<meta name="generator"[^>]*>/, '');
    expect(readHtml(notWiki).paragraphs.join('\n')).toMatch(/\^ Frankel/);
  });

  it('writes TeX as plain text: no \\displaystyle, font commands or braces; symbols as characters', () => {
    expect(texText('{\\displaystyle \\mathbf {x} _{1},\\dots ,\\mathbf {x} _{N}}')).toBe('x_1,…,x_N');
    expect(texText('{\\displaystyle \\sigma _{i}}')).toBe('σ_i');
    expect(texText('{\\displaystyle \\lVert \\mathbf {x} _{i}-\\mathbf {x} _{j}\\rVert }')).toBe('‖x_i-x_j‖');
    // A command it doesn't know stays as written, rather than losing what it means.
    expect(texText('{\\displaystyle \\overline {a}_{ji}}')).toBe('\\overline a_(ji)');
    // Grouping kept where it changes the meaning; \\textstyle, escaped braces and fractions read as written.
    expect(texText('{\\displaystyle {\\textstyle \\sum _{i=1}^{n}x_{i}}}')).toBe('∑_(i=1)^nx_i');
    expect(texText('{\\displaystyle x^{n+1}}')).toBe('x^(n+1)');
    expect(texText('{\\displaystyle {\\tfrac {1}{2}}}')).toBe('1/2');
    expect(texText('{\\displaystyle P(A\\mid B)={\\frac {P(B\\mid A)P(A)}{P(B)}}}')).toBe('P(A|B)=(P(B|A)P(A))/(P(B))');
    expect(texText('{\\displaystyle \\{1,2,3\\}}')).toBe('{1,2,3}');
    expect(texText('{\\displaystyle a\\leq b}')).toBe('a ≤ b');
    expect(texText('{\\displaystyle A{\\text{ Hermitian}}\\quad \\iff \\quad A=A^{\\mathsf {H}}}')).toBe(
      'A Hermitian ⇔ A=A^H',
    );
  });

  it('drops the teasers of other stories Readability takes in after a post (Boing Boing)', () => {
    // The blocks after a Boing Boing post (trafilatura 1.0.0's tests/cache/boingboing.net.millenials.html), which
    // were cited as the 2013 post's paragraphs.
    const teasers =
      '<div id="next-post-thumbnails"><div class="nextstory"><h3>Patti Smith and Stewart Copeland join Choir! Choir! Choir!</h3><p>Patti Smith + Stewart Copeland (on percussion) joined Choir! Choir! Choir! at Onassis Festival 2019.</p></div><div class="nextstory"><p>Learn how to play the piano, guitar, &amp; how to DJ with the help of this training</p></div></div>';
    const paragraphs = readHtml(html.replace('</article>', `${teasers}</article>`)).paragraphs.join('\n');
    expect(paragraphs).not.toMatch(/Choir|piano/);
    expect(paragraphs).toMatch(/Berlin's relationship with its colon/);
  });
});
