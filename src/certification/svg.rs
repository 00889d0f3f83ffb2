//! Inline SVG charts for the HTML reports (no scripts, no external assets) and the one escaping
//! function every piece of text goes through.

/// Text or attribute value made safe for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Colours of the four dimensions, the same in every chart.
pub const PALETTE: [&str; 6] = [
    "#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed", "#0891b2",
];

pub struct Bar {
    pub label: String,
    pub value: f64,
    /// A pass mark drawn as a tick across the bar.
    pub mark: Option<f64>,
    pub color: &'static str,
    /// Shown right of the bar (default: the value).
    pub note: Option<String>,
}

/// Horizontal bars from 0 to `max`, one row each, labels on the left.
pub fn bars(title: &str, rows: &[Bar], max: f64) -> String {
    let (label_w, bar_w, row_h, top) = (220.0, 420.0, 26.0, 28.0);
    let width = label_w + bar_w + 130.0;
    let height = top + rows.len() as f64 * row_h + 10.0;
    let max = if max > 0.0 { max } else { 1.0 };
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title>{t}</title><text x="0" y="16" class="chart-title">{t}</text>"##,
        t = escape(title)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let w = (r.value.max(0.0) / max).min(1.0) * bar_w;
        s.push_str(&format!(
            r##"<text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect x="{label_w}" y="{y}" width="{bar_w}" height="18" fill="#e5e7eb"/><rect x="{label_w}" y="{y}" width="{w:.1}" height="18" fill="{color}"/>"##,
            lx = label_w - 8.0,
            ty = y + 14.0,
            label = escape(&r.label),
            color = r.color,
        ));
        if let Some(m) = r.mark {
            let x = label_w + (m / max).min(1.0) * bar_w;
            s.push_str(&format!(
                r##"<line x1="{x:.1}" x2="{x:.1}" y1="{y1}" y2="{y2}" stroke="#111827" stroke-width="2"/>"##,
                y1 = y - 3.0,
                y2 = y + 21.0
            ));
        }
        let note = r.note.clone().unwrap_or_else(|| format!("{:.1}", r.value));
        s.push_str(&format!(
            r##"<text x="{x}" y="{ty}">{note}</text>"##,
            x = label_w + bar_w + 8.0,
            ty = y + 14.0,
            note = escape(&note)
        ));
    }
    s.push_str("</svg>");
    s
}

pub struct Series {
    pub name: String,
    pub color: &'static str,
    /// One value per x label; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// A line chart over `x_labels` from `y_min` to `y_max`, with a legend and a zero line when
/// zero is inside the range.
pub fn lines(
    title: &str,
    x_labels: &[String],
    series: &[Series],
    y_min: f64,
    y_max: f64,
) -> String {
    let (left, right, top, plot_h) = (44.0, 40.0, 30.0, 180.0);
    // Wide enough for a four-entry legend row and unclipped end labels.
    let plot_w = (x_labels.len().max(2) as f64 * 48.0).clamp(600.0, 900.0);
    let width = left + plot_w + right;
    let legend_y = top + plot_h + 40.0;
    let height = legend_y + 10.0 + (series.len() as f64 / 4.0).ceil() * 18.0;
    let span = if y_max > y_min { y_max - y_min } else { 1.0 };
    let n = x_labels.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + i as f64 * plot_w / (n - 1) as f64
        }
    };
    let y = |v: f64| top + plot_h - (v.clamp(y_min, y_max) - y_min) / span * plot_h;
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title>{t}</title><text x="0" y="16" class="chart-title">{t}</text>"##,
        t = escape(title)
    );
    for tick in 0..=4 {
        let v = y_min + span * f64::from(tick) / 4.0;
        s.push_str(&format!(
            r##"<line x1="{left}" x2="{x2}" y1="{yy:.1}" y2="{yy:.1}" stroke="#e5e7eb"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{v:.0}</text>"##,
            x2 = left + plot_w,
            yy = y(v),
            tx = left - 6.0,
            ty = y(v) + 4.0
        ));
    }
    if y_min < 0.0 && y_max > 0.0 {
        s.push_str(&format!(
            r##"<line x1="{left}" x2="{x2}" y1="{y0:.1}" y2="{y0:.1}" stroke="#6b7280" stroke-dasharray="4 3"/>"##,
            x2 = left + plot_w,
            y0 = y(0.0)
        ));
    }
    // Thin out x labels so they never overlap.
    let every = n.div_ceil(14).max(1);
    for (i, l) in x_labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"##,
            x(i),
            top + plot_h + 18.0,
            escape(l)
        ));
    }
    for (k, ser) in series.iter().enumerate() {
        let mut path = String::new();
        let mut pen_up = true;
        for (i, v) in ser.values.iter().enumerate() {
            match v {
                Some(v) => {
                    path.push_str(&format!(
                        "{}{:.1},{:.1} ",
                        if pen_up { "M" } else { "L" },
                        x(i),
                        y(*v)
                    ));
                    pen_up = false;
                    s.push_str(&format!(
                        r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}"/>"##,
                        x(i),
                        y(*v),
                        ser.color
                    ));
                }
                None => pen_up = true,
            }
        }
        if !path.is_empty() {
            s.push_str(&format!(
                r##"<path d="{}" fill="none" stroke="{}" stroke-width="2"/>"##,
                path.trim_end(),
                ser.color
            ));
        }
        let lx = left + (k % 4) as f64 * 140.0;
        let ly = legend_y + (k / 4) as f64 * 18.0;
        s.push_str(&format!(
            r##"<rect x="{lx}" y="{ry}" width="12" height="12" fill="{c}"/><text x="{tx}" y="{ly}">{name}</text>"##,
            ry = ly - 10.0,
            c = ser.color,
            tx = lx + 16.0,
            name = escape(&ser.name)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r##"<script>alert("x") & 'y'</script>"##),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn charts_escape_labels_and_draw_every_point() {
        let b = bars(
            "t<1>",
            &[Bar {
                label: "a\"b".into(),
                value: 50.0,
                mark: Some(80.0),
                color: PALETTE[0],
                note: None,
            }],
            100.0,
        );
        assert!(b.contains("t&lt;1&gt;") && b.contains("a&quot;b") && !b.contains("a\"b"));
        assert!(b.contains(r##"width="210.0""##), "half of 420: {b}");
        let l = lines(
            "mood",
            &["1".into(), "2".into(), "3".into()],
            &[Series {
                name: "m".into(),
                color: PALETTE[1],
                values: vec![Some(1.0), None, Some(-3.0)],
            }],
            -10.0,
            10.0,
        );
        assert_eq!(l.matches("<circle").count(), 2);
        assert_eq!(
            l.matches(" M").count() + l.matches("\"M").count(),
            2,
            "a gap splits the line"
        );
    }
}
