// pini's additions to the furo theme: every figure opens at full size (a click on it opens the image alone).
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('article img').forEach(img => {
    if (img.closest('a')) return;
    const a = document.createElement('a');
    a.href = img.getAttribute('src'); a.className = 'pini-full'; a.title = 'open the figure at full size';
    img.parentNode.insertBefore(a, img); a.appendChild(img);
  });
});
