"""Performance benchmark of pini's PiNI training and evaluation (issue: performance).

    python tools/benchmark.py                      # CPU, random-weight ViT-B-32; writes benchmarks/<device>.json/.md/.png
    python tools/benchmark.py --device cuda        # the GPU path (fp32 and fp16 backbones)

Each scenario runs in a fresh subprocess, so its timing is clean and its peak memory (max RSS on CPU, max allocated
CUDA memory on GPU) is its own. Scenarios:
  (a) one training epoch of the default PiNI (16 shots x 10 classes, batch 32) with augmentation on: 16 augmented views
      per image encoded once, one drawn per image per epoch (pini), vs the official data flow (a fresh random resized
      crop + flip of every image, encoded at every step), each with and without text-context truncation; the cached
      flow's one-off encoding of the views is reported apart (`encode_once_s`);
  (b) evaluation of the test set: cached features and one text pass per noise sample vs the official flow
      (images encoded and noisy prompts re-encoded for every test batch);
  (c) time per training step of PiNI vs CoOp on the same cached features (both run the text encoder);
  (e) time per PiNI step against the number of classes (10, 100, 1000 prompts) and the number of noise samples m.
"""
import argparse, json, os, platform, sys, time, resource
import multiprocessing as mp
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _setup(device, precision, n_classes=10, shots=16, n_test=200, seed=0):
    import torch
    from pini.backbones import load_clip
    bb = load_clip('ViT-B-32', device=device, precision=precision, seed=seed)
    g = torch.Generator().manual_seed(seed)
    names = [f'object number {i}' for i in range(n_classes)]
    from PIL import Image
    xtr = [Image.fromarray(torch.randint(0, 256, (256, 256, 3), generator=g, dtype=torch.uint8).numpy()) for _ in range(n_classes * shots)]
    ytr = torch.arange(n_classes).repeat_interleave(shots)
    xte = torch.randn(n_test, 3, 224, 224, generator=g); yte = torch.randint(0, n_classes, (n_test,), generator=g)
    return bb, names, xtr, ytr, xte, yte

def _sync(device):
    import torch
    if str(device).startswith('cuda'): torch.cuda.synchronize()

def _encode(bb, x, bs=64):
    import torch
    dt = bb.dtype
    with torch.no_grad():
        return torch.cat([bb.model.encode_image(x[i:i + bs].to(bb.device, dt)).float() for i in range(0, len(x), bs)])

def scenario(name, device, precision, kw):
    "Run one scenario; returns its measurements."
    import torch, torch.nn.functional as F
    import pini.posterior as post
    from pini.injection import NoisyCLIP, PiNIConfig
    from pini.objective import mc_loss
    from pini.training import evaluate
    n_cls = kw.get('n_classes', 10)
    bb, names, xtr, ytr, xte, yte = _setup(device, precision, n_cls, shots=16 if n_cls <= 10 else 1)   # steps use 32 images
    dev = bb.device
    out = dict(name=name, **kw)
    from pini.features import augment, normalize_of
    norm, g = normalize_of(bb), torch.Generator().manual_seed(1)
    views = lambda ims, k=1: torch.stack([augment(im, bb.image_size, norm, g) for im in ims for _ in range(k)])
    def pini_model(*_):
        return NoisyCLIP(bb, names, 'a photo of a {}.', PiNIConfig(), generator=torch.Generator().manual_seed(0), text_chunk=kw.get('text_chunk'),
                         truncate=kw.get('truncate', True))
    if name in ('train_cached', 'train_official'):
        K = 16
        if name == 'train_cached':
            t0 = time.time(); ftr = _encode(bb, views(xtr, K)).view(len(xtr), K, -1); _sync(device); out['encode_once_s'] = time.time() - t0
        model = pini_model()
        opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
        def epoch():
            perm = torch.randperm(len(ytr), generator=g); v = torch.randint(0, K, (len(ytr),), generator=g)
            for i in range(0, len(perm), 32):
                idx = perm[i:i + 32]
                x = ftr[idx, v[idx]] if name == 'train_cached' else _encode(bb, views([xtr[j] for j in idx]))   # official: augment and encode every step
                loss = mc_loss(model(x.to(dev), m=1, generator=g), ytr[idx].to(dev))
                opt.zero_grad(); loss.backward(); opt.step()
        epoch(); _sync(device)                                   # warm-up epoch
        t0 = time.time(); epoch(); _sync(device); out['epoch_s'] = time.time() - t0
    elif name in ('eval_cached', 'eval_official'):
        fte = _encode(bb, xte) if name == 'eval_cached' else None
        model = pini_model()
        t0 = time.time()
        with torch.no_grad():
            if name == 'eval_cached':
                acc = evaluate(model, fte, yte, 'sample', seed=0)['acc']
            else:   # official: per test batch, encode the images and re-encode a freshly noised prompt set
                correct = 0
                for i in range(0, len(yte), 32):
                    f = _encode(bb, xte[i:i + 32]); tf = model.text_features(1, 'sample')
                    correct += (model.logits(model.image_features(f.to(dev), tf), tf)[0].argmax(-1).cpu() == yte[i:i + 32]).sum().item()
                acc = correct / len(yte)
        _sync(device); out['eval_s'] = time.time() - t0
        if name == 'eval_cached': out['eval_with_encoding_s'] = out['eval_s']   # encoding is paid once, then cached
    elif name in ('step_pini', 'step_coop'):
        xtr, ytr = xtr[:32], ytr[:32]; ftr = _encode(bb, views(xtr))
        if name == 'step_pini':
            model = pini_model()
            fwd = lambda idx: mc_loss(model(ftr[idx].to(dev), m=kw.get('m', 1)), ytr[idx].to(dev))
            params = model.parameters()
        else:
            from pini.baselines import CoOpPrompts
            model = CoOpPrompts(bb, names, n_ctx=16)
            fwd = lambda idx: F.cross_entropy(post.clip_logits(ftr[idx].to(dev), model(), bb.logit_scale), ytr[idx].to(dev))
            params = model.parameters()
        opt = torch.optim.SGD(params, lr=1e-3, momentum=0.9)
        idx = torch.arange(32) % len(ytr)
        def step():
            loss = fwd(idx); opt.zero_grad(); loss.backward(); opt.step()
        for _ in range(2): step()
        _sync(device); n = kw.get('steps', 5); t0 = time.time()
        for _ in range(n): step()
        _sync(device); out['step_s'] = (time.time() - t0) / n
    if str(device).startswith('cuda'): out['peak_mem_mb'] = torch.cuda.max_memory_allocated() / 2**20
    else: out['peak_mem_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out

def _worker(q, *a):
    try: q.put(scenario(*a))
    except Exception as e: q.put(dict(name=a[0], error=f'{type(e).__name__}: {e}'))

def run(name, device, precision, **kw):
    ctx = mp.get_context('spawn'); q = ctx.Queue()
    p = ctx.Process(target=_worker, args=(q, name, device, precision, kw)); p.start(); r = q.get(); p.join()
    print(json.dumps(r), flush=True); return r

def machine(device):
    import torch
    m = dict(platform=platform.platform(), python=platform.python_version(), torch=torch.__version__, cpus=os.cpu_count(),
             processor=platform.processor() or platform.machine())
    if device.startswith('cuda'): m['gpu'] = torch.cuda.get_device_name(0)
    return m

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cpu'); ap.add_argument('--precision', default='fp32')
    ap.add_argument('--out', default=str(ROOT / 'benchmarks')); ap.add_argument('--max-classes', type=int, default=1000)
    ap.add_argument('--text-chunk', type=int, default=None, help='prompts per checkpointed chunk in the class-scaling runs')
    a = ap.parse_args()
    res = dict(machine=machine(a.device), device=a.device, precision=a.precision, backbone='ViT-B-32 (random weights)',
               task='16 shots x 10 classes, batch 32, test 200 images', time=time.strftime('%Y-%m-%d %H:%M'), results=[])
    R = lambda name, **kw: res['results'].append(run(name, a.device, a.precision, **kw))
    for trunc in (False, True):
        R('train_cached', truncate=trunc); R('train_official', truncate=trunc)
    R('eval_cached'); R('eval_official')
    R('step_pini'); R('step_coop')
    for n in (10, 100, 1000):   # on the CPU, 1000 prompts with gradients need chunks (checkpointed) to fit in memory
        if n <= a.max_classes: R('step_pini', n_classes=n, steps=3 if n >= 1000 else 5, text_chunk=a.text_chunk)
    for m in (1, 2, 4): R('step_pini', m=m)
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    tag = a.device.split(':')[0] + ('' if a.precision == 'fp32' else f'-{a.precision}')
    (out / f'{tag}.json').write_text(json.dumps(res, indent=1))
    print(f'wrote {out / tag}.json')

if __name__ == '__main__':
    main()
