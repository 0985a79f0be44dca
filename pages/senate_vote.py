"""Senate vote: the seat chart, the tally with the majority line, find your senators, the state grid."""

import streamlit as st

from dashboard import boot, charts, data, params, ui, views

boot.through_app()

meta = data.meta()
votes = data.table("votes")
vote = charts.article_vote(votes)
positions = data.table("vote_positions")
positions = positions[positions["vote_id"] == vote["vote_id"]]

st.title(ui.md_escape(f"Senate vote: {vote['nominee_name']}, {vote['yea']}–{vote['nay']}"))
if positions["derived"].all():
    st.info(
        f"The article gives the tally ({ui.md_escape(vote['article_tally'])}). The per-senator positions below "
        "are **derived** from the party-line record and the two named absences (FACTS.md §1b), not copied "
        "from the official roll call, whose number is unconfirmed.",
        icon="ℹ️",
    )

c1, c2 = st.columns(2)
state = params.picker(
    "state",
    {s: s for s in sorted(positions["state"].unique())},
    "Find your senators: state",
    key="vote_state",
    noun="state",
    placeholder="Choose a state",
    container=c1,
)
typed = params.picker(
    "senator",
    {n: n for n in sorted(positions["senator"])},
    "…or a name",
    key="vote_senator",
    noun="senator",
    placeholder="Type a name",
    container=c2,
)
found = positions[(positions["state"] == state) | (positions["senator"] == typed)]
if len(found):
    st.dataframe(views.positions_view(found), hide_index=True, width="stretch")

ui.chart("senate-seats", key="vote_seats", senators=set(found["senator"]))
ui.chart("senate-tally", key="vote_tally")
later = votes[votes["vote_id"] != vote["vote_id"]]
for r in later.itertuples():
    st.markdown(
        f"**Later outcome:** {ui.md_escape(r.nominee_name)} was confirmed on {r.date}, {r.yea}–{r.nay} "
        f"({r.not_voting} not voting). {ui.md_escape(r.note or '')}"
    )
ui.chart("senate-states", key="vote_states", state=state)
ui.csv_download(positions, "vote_positions_kaplan", key="vote_csv")
