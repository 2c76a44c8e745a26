"""Holiday and event calendars turned into per-period features.

Country calendars come from the ``holidays`` package; the shop's own events (promotions,
campaigns, closures) come from its ``events`` table.  Both are looked up for any dates, so
the same features exist for history and for the forecast horizon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd

__all__ = ["Calendar", "resolve_country", "load_events"]

# Country names as shops write them → holidays code ("CC" or "CC-SUBDIV").  The UK's national
# list leaves out England's Easter Monday and summer bank holiday, so England is the default.
_ALIASES = {
    "united kingdom": "GB-ENG", "uk": "GB-ENG", "great britain": "GB-ENG", "england": "GB-ENG",
    "eire": "IE", "rsa": "ZA", "usa": "US", "united states": "US", "channel islands": "GB-ENG",
}


def resolve_country(name: Optional[str]) -> Optional[str]:
    """A holidays code for a country name or code ('United Kingdom' → 'GB-ENG'); None if unknown."""
    import holidays
    from holidays.registry import COUNTRIES

    if not name:
        return None
    raw = str(name).strip()
    key = raw.lower()
    if key in _ALIASES:
        return _ALIASES[key]
    code, _, sub = raw.upper().partition("-")
    supported = holidays.list_supported_countries()
    if code in supported and (not sub or sub in supported[code]):
        return raw.upper()
    squashed = re.sub(r"[^a-z]", "", key)
    for module, entry in COUNTRIES.items():
        if re.sub(r"[^a-z]", "", module) == squashed or entry[0].lower() == squashed:
            return entry[1]
    return None


def load_events(shop) -> pd.DataFrame:
    """The shop's user events (name, start_day, end_day, kind) as a DataFrame."""
    return shop.query_df("SELECT name, start_day, end_day, kind FROM events ORDER BY start_day")


@dataclass
class Calendar:
    """Holidays of one country plus user events, as features for periods of a given frequency.

    ``christmas`` marks the retail Christmas break (24 Dec – 2 Jan), when many shops close
    or ship nothing whatever the official calendar says.
    """

    country: Optional[str] = None
    events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["name", "start_day", "end_day", "kind"]))

    def _holiday_days(self, first: pd.Timestamp, last: pd.Timestamp) -> set:
        if not self.country:
            return set()
        import holidays
        code, _, sub = self.country.partition("-")
        years = range(first.year, last.year + 1)
        try:
            cal = holidays.country_holidays(code, subdiv=sub or None, years=years)
        except (NotImplementedError, KeyError):
            return set()
        return {pd.Timestamp(d) for d in cal}

    def daily(self, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
        """One row per day: holiday, christmas, event (0/1 flags)."""
        days = pd.date_range(first, last, freq="D")
        hol = self._holiday_days(first, last)
        out = pd.DataFrame(index=days)
        out["holiday"] = np.array([d in hol for d in days], dtype=float)
        md = days.month * 100 + days.day
        out["christmas"] = ((md >= 1224) | (md <= 102)).astype(float)
        ev = np.zeros(len(days))
        for row in self.events.itertuples(index=False):
            s, e = pd.Timestamp(row.start_day), pd.Timestamp(row.end_day)
            ev[(days >= s) & (days <= e)] = 1.0
        out["event"] = ev
        return out

    def features(self, period_starts: pd.DatetimeIndex, freq: str) -> np.ndarray:
        """Calendar features for periods starting at ``period_starts``: for days the flags,
        for weeks/months the number of flagged days in the period.  Shape (n, 3)."""
        if len(period_starts) == 0:
            return np.zeros((0, 3))
        first = period_starts[0]
        ends = period_ends(period_starts, freq)
        d = self.daily(first, ends[-1])
        if freq == "D":
            return d.reindex(period_starts).to_numpy(dtype=float)
        csum = np.vstack([np.zeros((1, 3)), d.to_numpy().cumsum(axis=0)])
        i0 = (period_starts - first).days.to_numpy()
        i1 = (ends - first).days.to_numpy() + 1
        return csum[i1] - csum[i0]


def period_ends(starts: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    """Last day of each period that starts at ``starts``."""
    if freq == "D":
        return starts
    if freq == "W":
        return starts + pd.Timedelta(days=6)
    return starts + pd.offsets.MonthEnd(0)
