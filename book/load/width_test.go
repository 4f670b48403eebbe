package load

import "testing"

// TestWidthHint checks the width hints read from <img> attributes: percentages only,
// the style declaration before the attribute, malformed values ignored.
func TestWidthHint(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want float64
	}{
		{`<img src="a.png" style="width: 50%;">`, 0.5},
		{`<img src="a.png" style="WIDTH:25 %">`, 0.25},
		{`<img src="a.png" style="height: 10px; width: 100%">`, 1},
		{`<img src="a.png" width="30%">`, 0.3},
		{`<img src="a.png" width=" 12.5% ">`, 0.125},
		{`<img src="a.png" style="width: 40%" width="80%">`, 0.4},
		{`<img src="a.png" style="width: 2em" width="80%">`, 0.8},
		{`<img src="a.png" style="max-width: 40%">`, 0},
		{`<img src="a.png" width="200px">`, 0},
		{`<img src="a.png" width="200">`, 0},
		{`<img src="a.png" width="0%">`, 0},
		{`<img src="a.png" width="-5%">`, 0},
		{`<img src="a.png" width="150%">`, 0},
		{`<img src="a.png" width="NaN%">`, 0},
		{`<img src="a.png" width="%">`, 0},
		{`<img src="a.png" style="width">`, 0},
		{`<img src="a.png" style=";;:;width:;">`, 0},
		{`<img src="a.png">`, 0},
	} {
		imgs, _ := extractImgs(tc.tag)
		if len(imgs) != 1 {
			t.Fatalf("%s: %d images", tc.tag, len(imgs))
		}
		if got := imgs[0].width; got != tc.want {
			t.Errorf("%s: width %v, want %v", tc.tag, got, tc.want)
		}
	}
}
