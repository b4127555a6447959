import { ifNoneMatchSatisfied, strongEtag } from './etag';

describe('strongEtag', () => {
  it('the same body gives the same quoted strong tag; another body another tag', () => {
    const tag = strongEtag('{"a":1}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(strongEtag('{"a":1}')).toBe(tag);
    expect(strongEtag('{"a":2}')).not.toBe(tag);
  });
});

describe('ifNoneMatchSatisfied', () => {
  const tag = strongEtag('body');

  it('no header: send the body', () => expect(ifNoneMatchSatisfied(undefined, tag)).toBe(false));
  it('the same tag: not modified', () => expect(ifNoneMatchSatisfied(tag, tag)).toBe(true));
  it('one of a list: not modified', () => expect(ifNoneMatchSatisfied(`"x", ${tag} ,"y"`, tag)).toBe(true));
  it('a weak form of the tag: not modified (weak comparison)', () => expect(ifNoneMatchSatisfied(`W/${tag}`, tag)).toBe(true));
  it('a star: not modified', () => expect(ifNoneMatchSatisfied('*', tag)).toBe(true));
  it('other tags: send the body', () => expect(ifNoneMatchSatisfied('"x", W/"y"', tag)).toBe(false));
  it('the tag without quotes does not match', () => expect(ifNoneMatchSatisfied(tag.slice(1, -1), tag)).toBe(false));
});
