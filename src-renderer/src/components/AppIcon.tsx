/** The app's icon (resources/), decorative beside the name it stands for. */
import icon from '../../../resources/icon.svg';
import iconSmall from '../../../resources/icon-small.svg';

/** `size` in CSS pixels; below 32 px the 16 px-grid drawing stays sharp where the full one blurs. */
export function AppIcon({ size }: { size: number }) {
  return <img src={size < 32 ? iconSmall : icon} width={size} height={size} alt="" className="app-icon" />;
}
