import { countsBy, feedLag, rejectedMessages, type Figure, type FigureServices } from '../../common/metrics';
import { FEED_SOURCES } from '../feed/feed-reader';

/**
 * onestop's figures for `/metrics`, sampled on a timer: dossiers by status, applicants' notices by status,
 * messages of the feeds rejected (waiting for a supervisor's replay), and each feed's lag.
 */
export function onestopFigures(services: FigureServices): Figure[] {
  return [
    countsBy('hub_dossiers', 'Dossiers by status', 'status', 'select status, count(*)::int as n from onestop.dossier group by status', services),
    countsBy('hub_notices', 'Applicants’ notices by status (PENDING, SENT, FAILED…)', 'status', 'select status, count(*)::int as n from onestop.notice group by status', services),
    rejectedMessages('onestop', services),
    feedLag('onestop', FEED_SOURCES, services),
  ];
}
