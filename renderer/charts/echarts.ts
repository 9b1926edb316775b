// ECharts, trimmed to what Concord draws: bar, line, heatmap and custom (CI whiskers) series on a
// cartesian grid, with tooltip, legend, title, visual map and mark lines, on the canvas renderer.
// Importing `echarts/core` + `use([...])` keeps the rest of the library out of the bundle.
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  HeatmapChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  VisualMapContinuousComponent,
  // shared/charts/agreementCharts.ts lays its grids out with `containLabel` (ECharts 5 style).
  LegacyGridContainLabel,
  CanvasRenderer,
]);

export { init, type EChartsType };
