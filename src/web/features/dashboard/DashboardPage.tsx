/** 指挥大屏: placeholder until the big screen lands. */
export default function DashboardPage() {
  return null;
}
