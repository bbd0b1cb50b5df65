import type { WorkingDayCalendarData } from './working-days';

/**
 * China's nationwide public holidays (放假, weekends inside a holiday block included) and adjusted working weekend
 * days (调休上班) per year. Replaceable reference data: a newer notice is a new object passed to
 * `new WorkingDayCalendar(data)`; nothing else changes.
 *
 * 2027 is provisional. No State Council General Office notice for 2027 was available when this was written (the
 * notice for a year is normally published in November of the year before). Until it is, 2027 holds only what the
 * 《全国年节及纪念日放假办法》 itself fixes, as revised by the State Council on 2024-11-10 (in force 2025-01-01):
 *   元旦 1 day (Jan 1); 春节 4 days (农历除夕, 正月初一–初三); 清明节 1 day; 劳动节 2 days (May 1–2); 端午节 1 day;
 *   中秋节 1 day; 国庆节 3 days (Oct 1–3);
 * plus the substitute weekdays the same 办法 prescribes when a holiday falls on a Saturday or Sunday
 * ("全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假"), taken on the next working days.
 * It holds no adjusted working weekends: those exist only by notice. Replace the 2027 entry when the notice appears.
 *
 * 2027 lunar dates: 除夕 Fri 02-05 (the new moon opening 正月 is at 23:56 CST on 02-06, so 正月初一 is 02-06; ICU's
 * Chinese calendar puts it on 02-07, so do not derive these from Intl), 清明 Mon 04-05 (sun at 15° at about
 * 08:16 CST), 端午 Wed 06-09, 中秋 Wed 09-15. Computed with Meeus' new-moon and solar-longitude algorithms, and
 * cross-checked on 2025 and 2026 against the notices below.
 */
export const CHINA_HOLIDAYS: WorkingDayCalendarData = {
  2025: {
    source:
      '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12), published with the ' +
      '2024-11-10 revision of 《全国年节及纪念日放假办法》 (春节 and 劳动节 one day longer from 2025); ' +
      'full text: https://m.gmw.cn/2024-11/12/content_1303894933.htm (Xinhua via 光明网)',
    holidays: [
      '2025-01-01', // 元旦
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31', // 春节: 除夕 (Tue 01-28) – 正月初七 (Tue 02-04)
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
      '2025-04-04',
      '2025-04-05',
      '2025-04-06', // 清明节
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05', // 劳动节
      '2025-05-31',
      '2025-06-01',
      '2025-06-02', // 端午节
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04', // 国庆节、中秋节 (Wed 10-01 – Wed 10-08)
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    workdays: [
      '2025-01-26', // Sun, 春节
      '2025-02-08', // Sat, 春节
      '2025-04-27', // Sun, 劳动节
      '2025-09-28', // Sun, 国庆节、中秋节
      '2025-10-11', // Sat, 国庆节、中秋节
    ],
  },
  2026: {
    source:
      '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04); ' +
      'full text: https://politics.gmw.cn/2025-11/04/content_38391083.htm (Xinhua via 光明网)',
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-01-03', // 元旦
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19', // 春节: 腊月二十八 (Sun 02-15) –
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23', //            正月初七 (Mon 02-23)
      '2026-04-04',
      '2026-04-05',
      '2026-04-06', // 清明节
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05', // 劳动节
      '2026-06-19',
      '2026-06-20',
      '2026-06-21', // 端午节
      '2026-09-25',
      '2026-09-26',
      '2026-09-27', // 中秋节
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07', // 国庆节
    ],
    workdays: [
      '2026-01-04', // Sun, 元旦
      '2026-02-14', // Sat, 春节
      '2026-02-28', // Sat, 春节
      '2026-05-09', // Sat, 劳动节
      '2026-09-20', // Sun, 国庆节
      '2026-10-10', // Sat, 国庆节
    ],
  },
  2027: {
    provisional: true,
    source:
      'PROVISIONAL: no 国务院办公厅关于2027年部分节假日安排的通知 available; statutory holidays of ' +
      '《全国年节及纪念日放假办法》 (2024-11-10 revision) with weekday substitutes for holidays on a weekend, ' +
      'no adjusted working weekends',
    holidays: [
      '2027-01-01', // 元旦 (Fri)
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08', // 春节: 除夕 (Fri) – 正月初三 (Mon)
      '2027-02-09',
      '2027-02-10', // substitutes for Sat 02-06 and Sun 02-07
      '2027-04-05', // 清明节 (Mon)
      '2027-05-01',
      '2027-05-02', // 劳动节 (Sat, Sun)
      '2027-05-03',
      '2027-05-04', // substitutes
      '2027-06-09', // 端午节 (Wed)
      '2027-09-15', // 中秋节 (Wed)
      '2027-10-01',
      '2027-10-02',
      '2027-10-03', // 国庆节 (Fri – Sun)
      '2027-10-04',
      '2027-10-05', // substitutes
    ],
    workdays: [],
  },
};
