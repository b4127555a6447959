import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Card, LinkButton } from '../components';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const FEATURES = [
  { key: 'backtest', to: '/backtest' },
  { key: 'compare', to: '/history' },
  { key: 'leaderboard', to: '/leaderboard' },
] as const;

/** Decorative equity curve for the hero; not data. */
function HeroChart() {
  return (
    <svg className="hero__chart" viewBox="0 0 320 180" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="hero-fill" x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor="var(--color-accent)" stopOpacity="0.22" />
          <stop offset="100%" stopColor="var(--color-accent)" stopOpacity="0" />
        </linearGradient>
      </defs>
      <g className="hero__grid">
        <line x1="0" x2="320" y1="45" y2="45" />
        <line x1="0" x2="320" y1="90" y2="90" />
        <line x1="0" x2="320" y1="135" y2="135" />
      </g>
      <path
        className="hero__area"
        d="M0 150 L30 140 L55 146 L80 122 L105 128 L130 104 L155 112 L180 86 L205 94 L230 66 L255 74 L280 46 L300 52 L320 28 L320 180 L0 180 Z"
        fill="url(#hero-fill)"
      />
      <path
        className="hero__line"
        d="M0 150 L30 140 L55 146 L80 122 L105 128 L130 104 L155 112 L180 86 L205 94 L230 66 L255 74 L280 46 L300 52 L320 28"
      />
      <path
        className="hero__benchmark"
        d="M0 150 L40 146 L80 140 L120 136 L160 126 L200 122 L240 112 L280 106 L320 96"
      />
    </svg>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle();

  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-heading">
        <div className="hero__text">
          <p className="hero__eyebrow">{t('home.eyebrow')}</p>
          <h1 className="hero__title" id="home-heading">
            {t('home.heading')}
          </h1>
          <p className="hero__intro">{t('home.intro')}</p>
          <div className="hero__actions">
            <LinkButton to="/backtest" size="lg">
              {t('home.ctaBacktest')}
            </LinkButton>
            <LinkButton to="/leaderboard" size="lg" variant="secondary">
              {t('home.ctaLeaderboard')}
            </LinkButton>
          </div>
        </div>
        <div className="hero__visual">
          <HeroChart />
        </div>
      </section>

      <section className="features" aria-labelledby="features-heading">
        <h2 className="section-title" id="features-heading">
          {t('home.featuresTitle')}
        </h2>
        <ul className="features__grid">
          {FEATURES.map(({ key, to }) => (
            <li key={key}>
              <Card className="feature">
                <h3 className="feature__title">
                  <Link to={to} className="feature__link">
                    {t(`home.features.${key}.title`)}
                  </Link>
                </h3>
                <p className="feature__body">{t(`home.features.${key}.body`)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <p className="home__status">
        <Link to="/status">{t('home.statusLink')}</Link>
      </p>
    </div>
  );
}
